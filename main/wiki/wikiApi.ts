// The wiki's HTTP routes (/api/wiki/...) as one Fetch API handler, mounted by the host
// (main/host/hostHandler.ts). JSON in and out; tokens in "Authorization: Bearer"; every error is
// {error, reason} with a fitting status. One handler per route of WIKI_ROUTES
// (common/api/wikiContract.ts), dispatched by main/wiki/wikiRouter.ts.
import type { WIKI_ROUTES, WikiError, WikiRevision, WikiRole, WikiUser } from '../../common/api/wikiContract.js';
import { createFeedRoutes, type HostRoute } from '../feeds/feedRoutes.js';
import { BuildingEditsFeed } from './buildingEditsFeed.js';
import { defaultWikiDbPath } from '../../tiles/cli/defaultPaths.js';
import { exportGeoJson, importGeoJson } from './geojsonExport.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { RateLimiter, type RateLimitOptions } from './rateLimit.js';
import { bearerToken, DEFAULT_SESSION_TTL_MS, hashToken, openSession } from './sessions.js';
import { WikiFailure, WikiStore } from './store.js';
import { createWikiDispatcher, type WikiCall, type WikiReply } from './wikiRouter.js';
import {
  checkPropose,
  checkUpdate,
  checkUserName,
  LIMITS,
  validateComment,
  validateCredentials,
  validateReason,
  validateRole,
  ajvProblems,
} from './validation.js';

export interface WikiServiceOptions {
  /** SQLite file; created (with its folder) and migrated when missing. */
  dbPath: string;
  now?: () => number;
  sessionTtlMs?: number;
  /** Edits (propose, update) per account. Default: bursts of 30, then one every 2 s. */
  editRate?: RateLimitOptions;
  /** Sign-in attempts per account name. Default: 10, then one every 10 s. */
  signInRate?: RateLimitOptions;
  /** Account creations, server-wide. Default: 100, then 2 per second. */
  signUpRate?: RateLimitOptions;
  /** Made admin at start (created with this password if missing). */
  admin?: { name: string; password: string };
  onError?: (line: string) => void;
}

export interface WikiService {
  store: WikiStore;
  /** Approved building edits pushed to open pages (common/buildingEdits.ts). */
  buildingEdits: BuildingEditsFeed;
  handle(req: Request): Promise<Response>;
  /** The wiki's routes outside /api/wiki/ (its building-edits feed), for HostHandlerOptions.routes. */
  routes: HostRoute[];
  close(): void;
}

const HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...HEADERS, ...extra } });
}

function fail(status: number, reason: string, error: string, extra: Partial<WikiError> = {}): never {
  throw new WikiFailure(status, reason, error, extra);
}

/** Reads a JSON body, refusing anything over `limit` bytes without buffering it all. */
async function readJson(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(geo\+)?json\b/i.test(type)) fail(415, 'unsupported-media-type', 'Send the body as application/json.');
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) fail(413, 'payload-too-large', `The body is ${declared} bytes; the limit is ${limit}.`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        fail(413, 'payload-too-large', `The body is over the limit of ${limit} bytes.`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    fail(400, 'bad-json', 'The body is not valid JSON.');
  }
}

function invalid(problems: string[]): never {
  fail(400, 'invalid', `Invalid request: ${problems.join('; ')}`, { problems });
}

function revisionId(text: string | undefined): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id < 1) fail(400, 'invalid', `"${text}" is not a revision id.`);
  return id;
}

function parseBbox(text: string | null): [number, number, number, number] | undefined {
  if (text === null) return undefined;
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || !parts.every(Number.isFinite) || parts[0] > parts[2] || parts[1] > parts[3]) {
    fail(400, 'invalid', 'bbox must be west,south,east,north in degrees.');
  }
  return parts as [number, number, number, number];
}

export async function createWikiService(options: WikiServiceOptions): Promise<WikiService> {
  const now = options.now ?? Date.now;
  const store = new WikiStore(options.dbPath, { now });
  const ttl = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const editLimit = new RateLimiter(options.editRate ?? { burst: 30, perSecond: 0.5 }, now);
  const signInLimit = new RateLimiter(options.signInRate ?? { burst: 10, perSecond: 0.1 }, now);
  const signUpLimit = new RateLimiter(options.signUpRate ?? { burst: 100, perSecond: 2 }, now);
  const buildingEdits = new BuildingEditsFeed(store);
  /** Open pages hear of a building's approved or reverted edit once it is committed. */
  const told = (revision: WikiRevision) => {
    if (revision.kind === 'building' && revision.target) buildingEdits.changed(revision.target);
    return revision;
  };

  if (options.admin) {
    const existing = store.findUser(options.admin.name);
    if (existing) store.setRole(existing.name, 'admin');
    else store.createUser(options.admin.name, await hashPassword(options.admin.password), 'admin');
  }

  function limit(limiter: RateLimiter, key: string): void {
    const wait = limiter.take(key);
    if (wait > 0) fail(429, 'rate-limited', `Too many requests; try again in ${wait} s.`, { retryAfter: wait } as Partial<WikiError>);
  }

  function caller(req: Request): WikiUser | null {
    const token = bearerToken(req);
    return token ? store.sessionUser(hashToken(token)) : null;
  }

  function requireUser(req: Request): WikiUser {
    const user = caller(req);
    if (!user)
      fail(
        401,
        bearerToken(req) ? 'session-expired' : 'sign-in-required',
        bearerToken(req) ? 'The session has expired or was closed; sign in again.' : 'Sign in first.',
      );
    return user;
  }

  function requireRole(req: Request, roles: WikiRole[]): WikiUser {
    const user = requireUser(req);
    if (!roles.includes(user.role)) fail(403, 'forbidden', `This needs the ${roles.join(' or ')} role; you are ${user.role}.`);
    return user;
  }

  async function credentials(req: Request): Promise<{ name: string; password: string }> {
    const body = await readJson(req, LIMITS.bodyBytes);
    if (!validateCredentials(body)) invalid(ajvProblems(validateCredentials.errors));
    return { name: body.name.trim(), password: body.password };
  }

  const reply = <A>(status: number, body: A, headers?: Record<string, string>): WikiReply<A> => ({ status, body, headers });

  function featureId(id: string | undefined): string {
    if (!id || id.length > 200) fail(400, 'invalid', 'Give the feature id as ?id=.');
    return id;
  }

  /** What every moderation of a revision starts with, in this order: its id, the role, the body. */
  async function moderation({ req, params }: WikiCall<typeof WIKI_ROUTES.approve>): Promise<{ id: number; moderator: WikiUser; body: unknown }> {
    const id = revisionId(params.id);
    const moderator = requireRole(req, ['moderator', 'admin']);
    return { id, moderator, body: await readJson(req, LIMITS.bodyBytes) };
  }

  const dispatch = createWikiDispatcher({
    async signUp({ req }) {
      const { name, password } = await credentials(req);
      const problems = checkUserName(name);
      if (password.length < LIMITS.passwordMin) problems.push(`password must have at least ${LIMITS.passwordMin} characters`);
      if (problems.length) invalid(problems);
      limit(signUpLimit, 'signup');
      if (store.findUser(name)) fail(409, 'name-taken', `The name "${name}" is taken.`);
      const user = store.createUser(name, await hashPassword(password));
      return reply(201, openSession(store, user, ttl, now()));
    },
    async signIn({ req }) {
      const { name, password } = await credentials(req);
      limit(signInLimit, name.toLowerCase());
      const found = store.findUser(name);
      // Same work and the same answer for an unknown name as for a wrong password.
      const ok = await verifyPassword(password, found?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      if (!found || !ok) fail(401, 'bad-credentials', 'Wrong name or password.');
      return reply(200, openSession(store, { id: found.id, name: found.name, role: found.role }, ttl, now()));
    },
    async signOut({ req }) {
      const token = bearerToken(req);
      if (token) store.deleteSession(hashToken(token));
      return reply(200, { ok: true as const });
    },
    me: async ({ req }) => reply(200, { user: requireUser(req) }),
    async features({ req, params }) {
      const user = caller(req);
      return reply(200, { features: store.features(parseBbox(params.bbox ?? null)), pending: user ? store.pendingBy(user.id) : [] });
    },
    async feature({ req, params }) {
      const id = featureId(params.id);
      const user = caller(req);
      return reply(200, { feature: store.feature(id), pending: user ? store.pendingBy(user.id, id) : [] });
    },
    async history({ req, params }) {
      const id = featureId(params.id);
      return reply(200, { featureId: id, revisions: store.history(id, caller(req)) });
    },
    async propose({ req }) {
      const user = requireUser(req);
      const body = await readJson(req, LIMITS.bodyBytes);
      const checked = checkPropose(body);
      if (!checked.ok) invalid(checked.problems);
      limit(editLimit, `user:${user.id}`);
      return reply(201, { revision: await store.batch(() => store.propose(user, checked.value)) });
    },
    async updatePending({ req, params }) {
      const id = revisionId(params.id);
      const user = requireUser(req);
      const body = await readJson(req, LIMITS.bodyBytes);
      const kind = store.kindOf(id);
      if (!kind) fail(404, 'no-such-revision', `No revision ${id}.`);
      const checked = checkUpdate(kind, body);
      if (!checked.ok) invalid(checked.problems);
      limit(editLimit, `user:${user.id}`);
      return reply(200, { revision: await store.batch(() => store.updatePending(user, id, checked.value)) });
    },
    queue: async ({ req }) => {
      requireRole(req, ['moderator', 'admin']);
      return reply(200, { items: store.queue() });
    },
    async approve(call) {
      const { id, moderator } = await moderation(call);
      return reply(200, { revision: told(await store.batch(() => store.approve(moderator, id))) });
    },
    async reject(call) {
      const { id, moderator, body } = await moderation(call);
      if (!validateReason(body)) invalid(ajvProblems(validateReason.errors));
      return reply(200, { revision: await store.batch(() => store.reject(moderator, id, body.reason)) });
    },
    async revert(call) {
      const { id, moderator, body } = await moderation(call);
      if (!validateComment(body)) invalid(ajvProblems(validateComment.errors));
      return reply(201, { revision: told(await store.batch(() => store.revert(moderator, id, body.comment))) });
    },
    async setRole({ req }) {
      requireRole(req, ['admin']);
      const body = await readJson(req, LIMITS.bodyBytes);
      if (!validateRole(body)) invalid(ajvProblems(validateRole.errors));
      return reply(200, { user: store.setRole(body.name, body.role) });
    },
    exportGeoJson: async () =>
      reply(200, exportGeoJson(store), {
        'Content-Type': 'application/geo+json; charset=utf-8',
        'Content-Disposition': 'attachment; filename="virtual-seoul-wiki.geojson"',
      }),
    async importGeoJson({ req }) {
      const admin = requireRole(req, ['admin']);
      const body = await readJson(req, LIMITS.importBodyBytes);
      const result = importGeoJson(store, admin, body);
      if (result.imported) buildingEdits.changedAll();
      return reply(200, result);
    },
  });

  return {
    store,
    buildingEdits,
    routes: [createFeedRoutes(buildingEdits)],
    close: () => {
      buildingEdits.stop();
      store.close();
    },
    async handle(req: Request): Promise<Response> {
      const url = new URL(req.url);
      try {
        const answer = await dispatch(req, url);
        return json(answer.status, answer.body, answer.headers);
      } catch (err) {
        if (err instanceof WikiFailure) {
          const extra: Record<string, string> = {};
          if (err.status === 429 && typeof err.extra.retryAfter === 'number') extra['Retry-After'] = String(err.extra.retryAfter);
          // The rest of an oversized body is never read: the connection cannot carry another request.
          if (err.status === 413) extra.Connection = 'close';
          return json(err.status, { error: err.message, reason: err.reason, ...err.extra } satisfies WikiError, extra);
        }
        options.onError?.(`wiki ${req.method} ${url.pathname} failed: ${(err as Error).stack ?? String(err)}`);
        return json(500, { error: 'Internal error in the wiki store.', reason: 'internal' } satisfies WikiError);
      }
    },
  };
}

/** Where the wiki database lives: --wiki-db, else VSEOUL_WIKI_DB, else <repo>/wiki-data/wiki.sqlite. */
export function wikiDbPath(repoRoot: string, cliValue?: string): string {
  return cliValue ?? defaultWikiDbPath(repoRoot);
}

/** The first admin from the environment (VSEOUL_WIKI_ADMIN + VSEOUL_WIKI_ADMIN_PASSWORD), if set. */
export function adminFromEnv(): { name: string; password: string } | undefined {
  const name = process.env.VSEOUL_WIKI_ADMIN;
  const password = process.env.VSEOUL_WIKI_ADMIN_PASSWORD;
  if (!name) return undefined;
  if (!password || password.length < LIMITS.passwordMin)
    throw new Error(`VSEOUL_WIKI_ADMIN is set: VSEOUL_WIKI_ADMIN_PASSWORD must be set too (at least ${LIMITS.passwordMin} characters).`);
  return { name, password };
}
