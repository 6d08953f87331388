// npm run serve and npm start as users run them (child processes): the URL on one line, the
// Electron fallback line, the default-port fallback, and a clean exit on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../common/api/hostContract.js';
import { createHostFixture, FIXTURE_MANIFEST, type HostFixture } from '../support/hostFixture.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const URL_LINE = /^Virtual Seoul \(browser mode\) at (http:\/\/127\.0\.0\.1:(\d+)\/) - press Ctrl\+C to stop$/m;

interface RunningCli {
  child: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startCli(script: string, args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match) resolve({ child, url: match[1], port: Number(match[2]), output: () => output, exited });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`${script} exited (${code}) before printing its URL:\n${output}`)));
  });
}

let fx: HostFixture;
const running: ChildProcess[] = [];

beforeAll(() => {
  fx = createHostFixture();
});

afterAll(() => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fx.cleanup();
});

describe('npm run serve', () => {
  it('prints the URL on one line, serves the app and the city build, and stops on SIGTERM', async () => {
    const cli = await startCli('main/cli/serve.ts', ['--port', '0', '--city', fx.cityDir]);
    running.push(cli.child);
    const urlLines = cli
      .output()
      .split('\n')
      .filter((line) => line.includes('http://'));
    expect(urlLines).toHaveLength(1);
    const html = await fetch(cli.url);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await (await fetch(cli.url + API_ROUTES.getCityManifest.http.slice(1))).json()).toEqual(FIXTURE_MANIFEST);
    expect((await fetch(`${cli.url}cesium/Cesium.js`, { method: 'HEAD' })).status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual({ code: 143, signal: null });
    await expect(fetch(cli.url)).rejects.toThrow();
  });

  it('falls back to a free port when the default port is busy', async () => {
    const blocker: Server = createServer();
    const blocked = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false)); // already busy: the fallback is exercised anyway
      blocker.listen(5180, '127.0.0.1', () => resolve(true));
    });
    try {
      const cli = await startCli('main/cli/serve.ts', ['--city', fx.cityDir]);
      running.push(cli.child);
      expect(cli.port).not.toBe(5180);
      expect(cli.output()).toContain(`Port 5180 is busy; using ${cli.port}.`);
      cli.child.kill('SIGINT');
      expect((await cli.exited).code).toBe(130);
    } finally {
      if (blocked) await new Promise((r) => blocker.close(r));
    }
  });

  it('rejects a bad --port with one clear line', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/serve.ts', '--port', 'eighty'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    running.push(child);
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(err.trim()).toBe('Error: --port eighty: not a port number (0-65535)');
  });
});

describe('npm start without the Electron binary', () => {
  it('says so in one line and serves browser mode', async () => {
    const cli = await startCli('main/cli/start.ts', ['--port', '0', '--city', fx.cityDir]);
    running.push(cli.child);
    const notice = cli
      .output()
      .split('\n')
      .filter((line) => /electron/i.test(line));
    expect(notice).toEqual(['The Electron binary is not installed here; serving browser mode instead.']);
    const info = (await (await fetch(cli.url + API_ROUTES.getAppInfo.http.slice(1))).json()) as { shell: string };
    expect(info.shell).toBe('browser');
    cli.child.kill('SIGINT');
    expect((await cli.exited).code).toBe(130);
  });
});
