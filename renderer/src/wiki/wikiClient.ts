// The wiki API over HTTP, made from the route table WIKI_ROUTES (common/api/wikiContract.ts, which
// the host's dispatcher is made from too), used by the renderer in both shells: the wiki is a
// network service (several desktops and kiosks may share one wiki server), so it is reached over
// HTTP rather than through the IPC contract of common/api/hostContract.ts.
// Failures reject with WikiApiError carrying the server's {error, reason} (and `current` on 409).
import {
  WIKI_ROUTES,
  wikiRequestPath,
  type AnyWikiRoute,
  type WikiAnswer,
  type WikiBody,
  type WikiParams,
  type ProposeRequest,
  type UpdatePendingRequest,
  type WikiError,
  type WikiExport,
  type WikiFeatureResponse,
  type WikiFeaturesResponse,
  type WikiHistoryResponse,
  type WikiImportResult,
  type WikiQueueResponse,
  type WikiRevision,
  type WikiRole,
  type WikiSession,
  type WikiUser,
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

  async function call<R extends AnyWikiRoute>(route: R, params: WikiParams<R>, body?: WikiBody<R>): Promise<WikiAnswer<R>> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (client.token) headers.Authorization = `Bearer ${client.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const url = new URL(wikiRequestPath(route, params).replace(/^\//, ''), base);
    let res: Response;
    try {
      res = await fetch(url, { method: route.method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
    return parsed as WikiAnswer<R>;
  }
  const R = WIKI_ROUTES;

  const client: WikiClient = {
    token,
    signUp: (name, password) => call(R.signUp, {}, { name, password }),
    signIn: (name, password) => call(R.signIn, {}, { name, password }),
    async signOut() {
      await call(R.signOut, {}, {});
      client.token = null;
    },
    me: () => call(R.me, {}),
    features: (bbox) => call(R.features, { bbox: bbox?.join(',') }),
    feature: (id) => call(R.feature, { id }),
    history: (id) => call(R.history, { id }),
    propose: (req) => call(R.propose, {}, req),
    updatePending: (id, req) => call(R.updatePending, { id }, req),
    queue: () => call(R.queue, {}),
    approve: (id) => call(R.approve, { id }, {}),
    reject: (id, reason) => call(R.reject, { id }, { reason }),
    revert: (id, comment) => call(R.revert, { id }, comment ? { comment } : {}),
    setRole: (name, role) => call(R.setRole, {}, { name, role }),
    exportGeoJson: () => call(R.exportGeoJson, {}),
    importGeoJson: (data) => call(R.importGeoJson, {}, data),
  };
  return client;
}
