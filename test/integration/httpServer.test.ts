// The real HTTP server on 127.0.0.1, port 0: loopback-only binding, streamed bodies, compression,
// ranges and validators over sockets, raw-socket path traversal, and a clean close.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { createHostFixture, type HostFixture } from '../support/hostFixture.js';
import { rawGet, rawRequest } from '../support/rawHttp.js';
import { TRAVERSAL_ATTACKS } from '../support/traversalAttacks.js';

let fx: HostFixture;
let server: HostServer;
let bigFile: Buffer;
const serverErrors: string[] = [];

/** Local addresses of TCP sockets listening on a port, from /proc/net/tcp and tcp6 (Linux). */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [addrHex, portHex] = local.split(':');
      if (state !== '0A' || parseInt(portHex, 16) !== port) continue; // 0A = LISTEN
      if (addrHex.length === 8) {
        found.push([3, 2, 1, 0].map((i) => parseInt(addrHex.slice(i * 2, i * 2 + 2), 16)).join('.'));
      } else {
        found.push(`ipv6:${addrHex}`);
      }
    }
  }
  return found;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  fx = createHostFixture();
  bigFile = randomBytes(6 * 1024 * 1024);
  writeFileSync(`${fx.cityDir}/tiles/big.bin`, bigFile);
  server = await startHostServer({
    rendererDir: fx.rendererDir,
    cesiumDir: fx.cesiumDir,
    cityDir: fx.cityDir,
    port: 0,
    onError: (line) => serverErrors.push(line),
  });
});

afterAll(async () => {
  await server?.close();
  fx.cleanup();
});

describe('binding', () => {
  it('listens on 127.0.0.1 only, on the port it reports', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
    expect(listeningAddresses(server.port)).toEqual(['127.0.0.1']);
    expect(await canConnect('127.0.0.1', server.port)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of external) expect(await canConnect(address, server.port), address).toBe(false);
  });

  it('refuses to bind a non-loopback address unless asked by name', async () => {
    const dirs = { rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir };
    await expect(startHostServer({ ...dirs, host: '0.0.0.0' })).rejects.toThrow(/loopback.*allowNonLoopback/s);
    await expect(startHostServer({ ...dirs, host: '::' })).rejects.toThrow(/Refusing to listen on ::/);
  });

  it('answers only to loopback Host headers (DNS rebinding)', async () => {
    const evil = await rawGet(server.port, '/api/app-info', {}).then(() =>
      rawRequest(server.port, 'GET /api/app-info HTTP/1.1\r\nHost: attacker.example:80\r\nConnection: close\r\n\r\n'),
    );
    expect(evil.status).toBe(421);
    const ok = await rawRequest(server.port, `GET /api/app-info HTTP/1.1\r\nHost: localhost:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(ok.status).toBe(200);
  });
});

describe('serving over sockets', () => {
  it('serves the app shell with CSP through fetch()', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toBe(fx.files.get('renderer/index.html')!.toString());
  });

  it('streams a large file intact (identity, no compression for random bytes)', async () => {
    const res = await fetch(`${server.url}city/tiles/big.bin`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bigFile.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(bigFile)).toBe(true);
  });

  it('sends gzip that decompresses to the file', async () => {
    const { status, headers, body } = await new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(`${server.url}cesium/Cesium.js`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    expect(Number(headers['content-length'])).toBe(body.length);
    expect(gunzipSync(body).equals(fx.files.get('cesium/Cesium.js')!)).toBe(true);
  });

  it('serves ranges, 416, 304 and HEAD through the socket', async () => {
    const range = await rawGet(server.port, '/city/tiles/big.bin', { Range: 'bytes=1000-1999' });
    expect(range.status).toBe(206);
    expect(range.head).toMatch(new RegExp(`content-range: bytes 1000-1999/${bigFile.length}`, 'i'));
    expect(range.body.equals(bigFile.subarray(1000, 2000))).toBe(true);
    const bad = await rawGet(server.port, '/city/tiles/big.bin', { Range: `bytes=${bigFile.length + 5}-` });
    expect(bad.status).toBe(416);
    const first = await fetch(`${server.url}city/tiles/0/0.glb`);
    await first.arrayBuffer();
    const cached = await rawGet(server.port, '/city/tiles/0/0.glb', { 'If-None-Match': first.headers.get('etag')! });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
    const head = await rawRequest(server.port, `HEAD /city/tiles/big.bin HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect(head.status).toBe(200);
    expect(head.head).toMatch(new RegExp(`content-length: ${bigFile.length}`, 'i'));
    expect(head.body.length).toBe(0);
    const post = await rawRequest(
      server.port,
      `POST /api/app-info HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`,
    );
    expect(post.status).toBe(405);
  });

  it('survives a client that disconnects mid-body', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(`${server.url}city/tiles/big.bin`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(err)));
      req.end();
    });
    const after = await fetch(`${server.url}api/app-info`);
    expect(after.status).toBe(200);
    expect(serverErrors).toEqual([]);
  });
});

describe('path traversal over raw sockets', () => {
  const prefixes = ['/city/', '/cesium/', '/'];
  const passwdStart = readFileSync('/etc/passwd', 'utf8').slice(0, 12);
  for (const prefix of prefixes) {
    it.each(TRAVERSAL_ATTACKS)(`${prefix}%s`, async (attack) => {
      const res = await rawGet(server.port, prefix + attack);
      const text = res.raw.toString('latin1');
      expect(text).not.toContain(fx.secret);
      expect(text).not.toContain(passwdStart);
      expect([400, 404]).toContain(res.status);
    });
  }

  it('refuses absolute-form and asterisk request targets', async () => {
    const absolute = await rawGet(server.port, `http://127.0.0.1:${server.port}/city/leak.txt`);
    expect(absolute.status).toBe(400);
    expect(absolute.raw.toString('latin1')).not.toContain(fx.secret);
    const fileUrl = await rawGet(server.port, `file://${fx.secretPath}`);
    expect(fileUrl.status).toBe(400);
    expect(fileUrl.raw.toString('latin1')).not.toContain(fx.secret);
  });
});

describe('closing', () => {
  it('close() frees the port even with an idle keep-alive connection open', async () => {
    const s = await startHostServer({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir });
    const res = await fetch(`${s.url}api/app-info`, { headers: { Connection: 'keep-alive' } });
    await res.json();
    await s.close();
    expect(await canConnect('127.0.0.1', s.port)).toBe(false);
    expect(listeningAddresses(s.port)).toEqual([]);
  });
});
