// Session tokens: 32 random bytes (base64url) handed to the client once; the store keeps only
// their SHA-256, so reading the database does not yield usable tokens. Tokens expire.
import { createHash, randomBytes } from 'node:crypto';
import type { WikiSession, WikiUser } from '../../common/api/wikiContract.js';
import type { WikiStore } from './store.js';

export const DEFAULT_SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function openSession(store: WikiStore, user: WikiUser, ttlMs: number, now: number): WikiSession {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + ttlMs;
  store.createSession(user.id, hashToken(token), expiresAt);
  return { token, expiresAt: new Date(expiresAt).toISOString(), user };
}

/** The bearer token of a request, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header.trim()) : null;
  return match ? match[1] : null;
}
