// No request path may read a file outside its root: ../, encoded and double-encoded dots and
// slashes, backslashes, NUL bytes, absolute paths and symlinks that lead out. The secret file
// beside the roots must never appear in any response body.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostHandler, type HostHandler } from '../../../main/host/hostHandler.js';
import { decodePathSegments, resolveSafeFile } from '../../../main/host/safePath.js';
import { createHostFixture, type HostFixture } from '../../support/hostFixture.js';
import { TRAVERSAL_ATTACKS } from '../../support/traversalAttacks.js';

let fx: HostFixture;
let browser: HostHandler;
let electron: HostHandler;
const passwdStart = readFileSync('/etc/passwd', 'utf8').slice(0, 12);

beforeAll(() => {
  fx = createHostFixture();
  const dirs = { rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir };
  browser = createHostHandler({ ...dirs, shell: 'browser' });
  electron = createHostHandler({ ...dirs, shell: 'electron' });
});
afterAll(() => fx.cleanup());

describe('resolveSafeFile on raw (undecoded) paths', () => {
  it.each(TRAVERSAL_ATTACKS)('refuses %s', async (attack) => {
    const result = await resolveSafeFile(fx.cityDir, attack);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([400, 404]).toContain(result.status);
  });

  it('still serves ordinary files and links that stay inside the root', async () => {
    const plain = await resolveSafeFile(fx.cityDir, 'tiles/0/0.glb');
    expect(plain.ok).toBe(true);
    const link = await resolveSafeFile(fx.cityDir, 'inside-link.json');
    expect(link.ok).toBe(true);
    const encoded = await resolveSafeFile(fx.cityDir, 'tiles%2Ftileset.json');
    expect(encoded.ok).toBe(false); // an encoded slash is never a separator
    expect((await resolveSafeFile(fx.cityDir, 'tiles/./tileset.json')).ok).toBe(true);
  });

  it('says why a path was refused', () => {
    expect(decodePathSegments('a/..%2fb')).toEqual({ ok: false, reason: 'encoded separator or NUL' });
    expect(decodePathSegments('a\\b')).toEqual({ ok: false, reason: 'backslash in path' });
    expect(decodePathSegments('%zz')).toEqual({ ok: false, reason: 'malformed percent-encoding' });
    expect(decodePathSegments('.git/config')).toEqual({ ok: false, reason: 'hidden file' });
    expect(decodePathSegments('a/%252e%252e')).toEqual({ ok: true, segments: ['a', '%2e%2e'] });
  });
});

describe('the handler never returns a file outside its roots', () => {
  const prefixes = ['/city/', '/cesium/', '/'];
  const origins = [
    ['browser', 'http://127.0.0.1:5180'],
    ['electron', 'vseoul://app'],
  ] as const;
  for (const [shell, origin] of origins) {
    for (const prefix of prefixes) {
      it.each(TRAVERSAL_ATTACKS)(`${shell} ${prefix}%s`, async (attack) => {
        const handler = shell === 'browser' ? browser : electron;
        let request: Request;
        try {
          request = new Request(origin + prefix + attack);
        } catch {
          return; // a URL the Fetch API itself refuses cannot reach the host
        }
        const res = await handler(request);
        const body = await res.text();
        expect(body).not.toContain(fx.secret);
        expect(body).not.toContain(passwdStart);
        // The URL parser may resolve "../" before the host sees it; then the result is a path
        // inside some root, which does not exist there.
        expect([400, 404]).toContain(res.status);
      });
    }
  }
});
