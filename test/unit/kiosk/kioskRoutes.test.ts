// The kiosk's host routes through the real host handler: tours by plain name only (the traversal
// attacks of the static-file tests never read anything), and renderer log lines with a size cap,
// JSON only, same origin, a rate limit and one physical line per entry, into a rotating file.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_LOG_LIMITS, createKioskRoutes } from '../../../main/kiosk/kioskRoutes.js';
import { createHostHandler, type HostHandler } from '../../../main/host/hostHandler.js';
import { createRotatingLog } from '../../../main/host/rotatingLog.js';
import { createHostFixture, type HostFixture } from '../../support/hostFixture.js';
import { TRAVERSAL_ATTACKS } from '../../support/traversalAttacks.js';

let fx: HostFixture;
let dir: string;
let handler: HostHandler;
let clock = 0;
const origin = 'http://127.0.0.1:5180';

const postLog = (body: string, headers: Record<string, string> = {}) =>
  handler(new Request(`${origin}/api/kiosk/log`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } }));
const logText = () => readFileSync(join(dir, 'logs', 'renderer.log'), 'utf8');

beforeAll(() => {
  fx = createHostFixture();
  dir = mkdtempSync(join(tmpdir(), 'vseoul-kiosk-routes-'));
  const routes = createKioskRoutes({ toursDir: join(process.cwd(), 'scenarios', 'tours'), logDir: join(dir, 'logs'), now: () => clock });
  handler = createHostHandler({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir, shell: 'browser', routes: [routes] });
});

afterAll(() => {
  fx.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/kiosk/tours/<name>', () => {
  it('serves the checked Seoul tour', async () => {
    const res = await handler(new Request(`${origin}/api/kiosk/tours/seoul`));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tour = (await res.json()) as { id: string; stops: unknown[] };
    expect(tour.id).toBe('seoul');
    expect(tour.stops.length).toBeGreaterThan(3);
  });

  it('never reads anything but a named tour (traversal attacks)', async () => {
    for (const attack of TRAVERSAL_ATTACKS) {
      const res = await handler(new Request(`${origin}/api/kiosk/tours/${attack}`));
      const text = await res.text();
      expect(res.status, attack).not.toBe(200);
      expect(text, attack).not.toContain(fx.secret);
      expect(text, attack).not.toContain('root:');
    }
  });

  it('answers other methods with 405', async () => {
    expect((await handler(new Request(`${origin}/api/kiosk/tours/seoul`, { method: 'PUT', body: '{}' }))).status).toBe(405);
    expect((await handler(new Request(`${origin}/api/kiosk/log`))).status).toBe(405);
  });
});

describe('POST /api/kiosk/log', () => {
  it('appends each line, one physical line per entry (no forged entries through newlines)', async () => {
    const res = await postLog(
      JSON.stringify({
        lines: [
          { level: 'error', message: 'WebGL context lost\n2026-01-01T00:00:00Z [renderer] INFO forged' },
          { level: 'info', message: 'tour ok' },
        ],
      }),
    );
    expect(res.status).toBe(204);
    const lines = logText().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\S+Z \[renderer\] ERROR WebGL context lost 2026-01-01T00:00:00Z \[renderer\] INFO forged$/);
    expect(lines[1]).toMatch(/\[renderer\] INFO tour ok$/);
  });

  it('refuses bodies over the limit, other content types, other origins and malformed lines', async () => {
    const big = JSON.stringify({ lines: [{ level: 'info', message: 'x'.repeat(CLIENT_LOG_LIMITS.bodyBytes) }] });
    expect((await postLog(big)).status).toBe(413);
    expect((await postLog('{"lines":[]}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await postLog(JSON.stringify({ lines: [{ level: 'info', message: 'hi' }] }), { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await postLog('not json')).status).toBe(400);
    expect((await postLog(JSON.stringify({ lines: [{ level: 'debug', message: 'x' }] }))).status).toBe(400);
    expect((await postLog(JSON.stringify({ lines: Array(CLIENT_LOG_LIMITS.lines + 1).fill({ level: 'info', message: 'x' }) }))).status).toBe(400);
    expect(logText()).not.toContain('evil');
  });

  it('rate-limits lines per minute', async () => {
    clock = 10 * 60_000;
    const batch = JSON.stringify({ lines: Array(CLIENT_LOG_LIMITS.lines).fill({ level: 'info', message: 'flood' }) });
    const statuses: number[] = [];
    for (let i = 0; i < CLIENT_LOG_LIMITS.linesPerMinute / CLIENT_LOG_LIMITS.lines + 1; i++) statuses.push((await postLog(batch)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 204)).toBe(true);
    clock += 60_000;
    expect((await postLog(batch)).status).toBe(204);
  });
});

describe('rotating log', () => {
  it('rotates at the size limit and keeps only the newest files', () => {
    const logDir = join(dir, 'rotate');
    const log = createRotatingLog({ dir: logDir, name: 'main', maxBytes: 1000, keep: 3, now: () => new Date(0) });
    for (let i = 0; i < 200; i++) log.write(`line ${String(i).padStart(4, '0')} ${'y'.repeat(40)}`);
    const files = readdirSync(logDir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const f of files) expect(statSync(join(logDir, f)).size).toBeLessThanOrEqual(1000);
    // Newest lines in main.log, older ones shifted down in order; the oldest dropped.
    expect(readFileSync(join(logDir, 'main.log'), 'utf8').trimEnd().split('\n').at(-1)).toContain('line 0199');
    const oldest = readFileSync(join(logDir, 'main.3.log'), 'utf8').split('\n')[0];
    const newestOfPrevious = readFileSync(join(logDir, 'main.1.log'), 'utf8').trimEnd().split('\n').at(-1)!;
    expect(Number(/line (\d+)/.exec(oldest)![1])).toBeLessThan(Number(/line (\d+)/.exec(newestOfPrevious)![1]));
    expect(readFileSync(join(logDir, 'main.log'), 'utf8')).not.toContain('line 0000');
  });

  it('continues an existing file after a restart and survives an unwritable folder', () => {
    const logDir = join(dir, 'restart');
    createRotatingLog({ dir: logDir, name: 'r' }).write('first run');
    createRotatingLog({ dir: logDir, name: 'r' }).write('second run');
    expect(readFileSync(join(logDir, 'r.log'), 'utf8')).toMatch(/first run\n.*second run\n$/);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    expect(() => createRotatingLog({ dir: join(blocker, 'sub'), name: 'x' }).write('lost')).not.toThrow();
  });
});
