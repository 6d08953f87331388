// The renderer's wiki state: the client, the signed-in session (kept in localStorage until it
// expires), the approved features and the user's own pending edits, with change listeners.
import { createWikiClient, type WikiClient } from './wikiClient.js';
import type { WikiFeature, WikiRevision, WikiSession, WikiUser } from '../../../common/api/wikiContract.js';
import { Emitter, type Remover } from '../lifetime.js';

const SESSION_KEY = 'vseoul.wiki.session';

export class WikiState {
  readonly client: WikiClient;
  user: WikiUser | null = null;
  features: WikiFeature[] = [];
  pending: WikiRevision[] = [];
  /** Message when the last refresh failed (server unreachable), else null. */
  problem: string | null = null;
  private readonly changes = new Emitter();

  constructor(baseUrl: string) {
    this.client = createWikiClient(baseUrl);
    const saved = readSession();
    if (saved) {
      this.client.token = saved.token;
      this.user = saved.user;
    }
  }

  onChange(listener: () => void): Remover {
    return this.changes.on(listener);
  }

  /** Forgets its listeners (a refresh still under way then tells nobody). */
  destroy(): void {
    this.changes.clear();
  }

  private emit(): void {
    this.changes.emit();
  }

  isModerator(): boolean {
    return this.user?.role === 'moderator' || this.user?.role === 'admin';
  }

  setSession(session: WikiSession | null): void {
    this.client.token = session?.token ?? null;
    this.user = session?.user ?? null;
    try {
      if (session) localStorage.setItem(SESSION_KEY, JSON.stringify(session));
      else localStorage.removeItem(SESSION_KEY);
    } catch {
      // Not persisted: the session lasts for this page only.
    }
    void this.refresh();
  }

  async signOut(): Promise<void> {
    try {
      await this.client.signOut();
    } catch {
      // Signing out locally is what matters; the token expires on the server anyway.
    }
    this.setSession(null);
  }

  async refresh(): Promise<void> {
    try {
      const res = await this.client.features();
      this.features = res.features;
      this.pending = res.pending;
      this.problem = null;
      if (this.client.token && this.user) {
        // An expired token makes features() answer as signed out; notice that and sign out.
        await this.client.me().catch((err: { status?: number }) => {
          if (err.status === 401) this.setSession(null);
        });
      }
    } catch (err) {
      this.problem = (err as Error).message;
    }
    this.emit();
  }

  /** Approved state of a building's wiki feature, and the user's pending edits of it. */
  buildingEdits(buildingId: string): { feature: WikiFeature | null; pending: WikiRevision[] } {
    const id = `building:${buildingId}`;
    return { feature: this.features.find((f) => f.id === id) ?? null, pending: this.pending.filter((p) => p.featureId === id) };
  }
}

function readSession(): WikiSession | null {
  try {
    const text = localStorage.getItem(SESSION_KEY);
    if (!text) return null;
    const s = JSON.parse(text) as WikiSession;
    if (typeof s.token !== 'string' || Date.parse(s.expiresAt) <= Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}
