// A real host server with a wiki on a fresh SQLite file in a temporary folder, a controllable
// clock, and a small JSON client for the tests. Accounts made here are test fixtures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { createWikiService, type WikiService, type WikiServiceOptions } from '../../main/wiki/wikiApi.js';
import type { WikiSession } from '../../common/api/wikiContract.js';

export interface WikiTestServer {
  dir: string;
  dbPath: string;
  server: HostServer;
  wiki: WikiService;
  /** Moves the wiki's clock forward. */
  advance(ms: number): void;
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  signUp(name: string, password?: string): Promise<WikiSession>;
  /** Signs up and gives the account a role through the admin API. */
  user(name: string, role: 'citizen' | 'moderator' | 'admin'): Promise<WikiSession>;
  adminToken: string;
  close(): Promise<void>;
}

export const ADMIN = { name: 'root-admin', password: 'admin-password-1' };
export const PASSWORD = 'correct horse battery';

export async function startWikiServer(options: Partial<WikiServiceOptions> = {}): Promise<WikiTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vseoul-wiki-'));
  const dbPath = join(dir, 'data', 'wiki.sqlite');
  let clock = Date.parse('2026-11-22T09:00:00Z');
  const wiki = await createWikiService({ dbPath, now: () => clock, admin: ADMIN, ...options });
  const server = await startHostServer({
    rendererDir: join(dir, 'r'),
    cesiumDir: join(dir, 'c'),
    cityDir: join(dir, 'city'),
    wiki: wiki.handle,
    routes: wiki.routes,
  });

  const call: WikiTestServer['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    } else if (opts.raw !== undefined) headers['Content-Type'] ??= 'application/json';
    const res = await fetch(new URL(path.replace(/^\//, ''), server.url), { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* left as text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const signIn = await call('POST', '/api/wiki/signin', { body: ADMIN });
  if (signIn.status !== 200) throw new Error(`admin sign-in failed: ${JSON.stringify(signIn.body)}`);
  const adminToken = (signIn.body as WikiSession).token;

  const signUp = async (name: string, password = PASSWORD): Promise<WikiSession> => {
    const r = await call('POST', '/api/wiki/signup', { body: { name, password } });
    if (r.status !== 201) throw new Error(`sign-up of ${name} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as WikiSession;
  };
  return {
    dir,
    dbPath,
    server,
    wiki,
    adminToken,
    advance: (ms) => {
      clock += ms;
    },
    call,
    signUp,
    async user(name, role) {
      const s = await signUp(name);
      if (role !== 'citizen') {
        const r = await call('POST', '/api/wiki/users/role', { token: adminToken, body: { name, role } });
        if (r.status !== 200) throw new Error(`role change failed: ${JSON.stringify(r.body)}`);
        s.user.role = role;
      }
      return s;
    },
    async close() {
      await server.close();
      wiki.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A place proposal at Seoul City Hall's plaza (a fixture, not a real edit). */
export function placeProposal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'place',
    baseRev: null,
    geometry: { type: 'Point', coordinates: [126.978, 37.5663] },
    properties: { name_ko: '테스트 장소', name_en: 'Test place', category: 'public', note: 'fixture' },
    comment: 'add a test place',
    ...overrides,
  };
}
