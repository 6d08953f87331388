// The wiki API over HTTP (routes: WIKI_ROUTES in wikiContract.ts), used by the renderer in both
// shells: the wiki is a network service (several desktops and kiosks may share one wiki server),
// so it is reached over HTTP rather than through the IPC contract of common/api/hostContract.ts.
// Failures reject with WikiApiError carrying the server's {error, reason} (and `current` on 409).
import type {
  ProposeRequest,
  UpdatePendingRequest,
  WikiError,
  WikiExport,
  WikiFeatureResponse,
  WikiFeaturesResponse,
  WikiHistoryResponse,
  WikiImportResult,
  WikiQueueResponse,
  WikiRevision,
  WikiRole,
  WikiSession,
  WikiUser,
} from '../../../common/api/wikiContract.js';

export class WikiApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: WikiError,
  ) {
    super(body.error);
    this.name = 'WikiApiError';
  }
  get reason(): string {
    return this.body.reason;
  }
}

export interface WikiClient {
  /** The bearer token sent with every call (null: signed out). */
  token: string | null;
  signUp(name: string, password: string): Promise<WikiSession>;
  signIn(name: string, password: string): Promise<WikiSession>;
  signOut(): Promise<void>;
  me(): Promise<{ user: WikiUser }>;
  features(bbox?: [number, number, number, number]): Promise<WikiFeaturesResponse>;
  feature(id: string): Promise<WikiFeatureResponse>;
  history(id: string): Promise<WikiHistoryResponse>;
  propose(req: ProposeRequest): Promise<{ revision: WikiRevision }>;
  updatePending(id: number, req: UpdatePendingRequest): Promise<{ revision: WikiRevision }>;
  queue(): Promise<WikiQueueResponse>;
  approve(id: number): Promise<{ revision: WikiRevision }>;
  reject(id: number, reason: string): Promise<{ revision: WikiRevision }>;
  revert(id: number, comment?: string): Promise<{ revision: WikiRevision }>;
  setRole(name: string, role: WikiRole): Promise<{ user: WikiUser }>;
  exportGeoJson(): Promise<WikiExport>;
  importGeoJson(data: WikiExport): Promise<WikiImportResult>;
}

export function createWikiClient(baseUrl: string, token: string | null = null): WikiClient {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (client.token) headers.Authorization = `Bearer ${client.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const url = new URL(path, base);
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new WikiApiError(0, { error: `Cannot reach the wiki at ${url.origin} (${(err as Error).message})`, reason: 'unreachable' });
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch {
      throw new WikiApiError(res.status, { error: `The wiki answered ${res.status} without JSON`, reason: 'bad-response' });
    }
    if (!res.ok) throw new WikiApiError(res.status, parsed as WikiError);
    return parsed as T;
  }
  const q = (id: string) => encodeURIComponent(id);

  const client: WikiClient = {
    token,
    signUp: (name, password) => call('POST', 'api/wiki/signup', { name, password }),
    signIn: (name, password) => call('POST', 'api/wiki/signin', { name, password }),
    async signOut() {
      await call('POST', 'api/wiki/signout', {});
      client.token = null;
    },
    me: () => call('GET', 'api/wiki/me'),
    features: (bbox) => call('GET', `api/wiki/features${bbox ? `?bbox=${bbox.join(',')}` : ''}`),
    feature: (id) => call('GET', `api/wiki/feature?id=${q(id)}`),
    history: (id) => call('GET', `api/wiki/history?id=${q(id)}`),
    propose: (req) => call('POST', 'api/wiki/revisions', req),
    updatePending: (id, req) => call('POST', `api/wiki/revisions/${id}`, req),
    queue: () => call('GET', 'api/wiki/queue'),
    approve: (id) => call('POST', `api/wiki/revisions/${id}/approve`, {}),
    reject: (id, reason) => call('POST', `api/wiki/revisions/${id}/reject`, { reason }),
    revert: (id, comment) => call('POST', `api/wiki/revisions/${id}/revert`, comment ? { comment } : {}),
    setRole: (name, role) => call('POST', 'api/wiki/users/role', { name, role }),
    exportGeoJson: () => call('GET', 'api/wiki/export'),
    importGeoJson: (data) => call('POST', 'api/wiki/import', data),
  };
  return client;
}
