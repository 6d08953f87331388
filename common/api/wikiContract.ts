// Wire types of the wiki API (/api/wiki/...), shared by the host (main/wiki/) and the renderer's
// HTTP client (renderer/src/wiki/wikiClient.ts). No Node or DOM types here.

export type WikiRole = 'citizen' | 'moderator' | 'admin';
export type WikiKind = 'place' | 'building' | 'hydrant' | 'note';
export type WikiRevisionStatus = 'pending' | 'approved' | 'rejected' | 'reverted';

export const PLACE_CATEGORIES = ['restaurant', 'cafe', 'shop', 'public', 'park', 'transport', 'culture', 'health', 'education', 'worship', 'other'] as const;
export const BUILDING_USES = ['residential', 'commercial', 'office', 'public', 'education', 'religious', 'industrial', 'mixed', 'other'] as const;
export const HYDRANT_PROBLEMS = ['missing', 'damaged', 'blocked', 'other'] as const;
export type PlaceCategory = (typeof PLACE_CATEGORIES)[number];
export type BuildingUse = (typeof BUILDING_USES)[number];
export type HydrantProblem = (typeof HYDRANT_PROBLEMS)[number];

/** The area edits may fall in: the bounding box of Seoul's 25 gu boundaries (KOSTAT 2013), degrees. */
export const SEOUL_BBOX = { west: 126.76, south: 37.42, east: 127.19, north: 37.71 } as const;

export interface WikiPoint {
  type: 'Point';
  coordinates: [number, number];
}
export interface WikiPolygon {
  type: 'Polygon';
  coordinates: Array<Array<[number, number]>>;
}
export type WikiGeometry = WikiPoint | WikiPolygon;

export interface PlaceProperties {
  name_ko?: string;
  name_en?: string;
  category: PlaceCategory;
  note?: string;
}
export interface BuildingProperties {
  name?: string;
  floors?: number;
  use?: BuildingUse;
}
export interface HydrantProperties {
  problem: HydrantProblem;
  note?: string;
}
export interface NoteProperties {
  text: string;
}
export type WikiProperties = Record<string, string | number>;

export interface WikiUser {
  id: number;
  name: string;
  role: WikiRole;
}

export interface WikiSession {
  token: string;
  /** ISO time after which the token is refused. */
  expiresAt: string;
  user: WikiUser;
}

export interface WikiRevision {
  id: number;
  featureId: string;
  kind: WikiKind;
  target: string | null;
  /** The approved revision the edit was made on; null for a new feature. */
  baseRev: number | null;
  author: string;
  createdAt: string;
  comment: string;
  status: WikiRevisionStatus;
  geometry: WikiGeometry | null;
  properties: WikiProperties;
  /** True for a revert that removed a feature that had no earlier approved state. */
  deleted: boolean;
  revertsRev: number | null;
  reviewer: string | null;
  reviewedAt: string | null;
  /** Why a moderator rejected it. */
  reason: string | null;
  /** Approved by its own author (only admins may; moderators are refused). */
  selfApproved: boolean;
}

/** A feature as everyone sees it: its current approved revision. */
export interface WikiFeature {
  id: string;
  kind: WikiKind;
  target: string | null;
  revision: number;
  geometry: WikiGeometry | null;
  properties: WikiProperties;
  author: string;
  comment: string;
  /** When the revision was made and when (and by whom) it was approved. */
  createdAt: string;
  approvedAt: string | null;
  approvedBy: string | null;
}

export interface WikiFeaturesResponse {
  /** Approved features (in the bbox when one was asked for). */
  features: WikiFeature[];
  /** The caller's own pending revisions (empty when signed out). */
  pending: WikiRevision[];
}

export interface WikiFeatureResponse {
  feature: WikiFeature | null;
  pending: WikiRevision[];
}

export interface WikiHistoryResponse {
  featureId: string;
  /** Oldest first. Others' pending and rejected revisions are visible to moderators only. */
  revisions: WikiRevision[];
}

export interface WikiQueueItem {
  revision: WikiRevision;
  /** The approved state the edit would replace (null for a new feature). */
  before: WikiFeature | null;
  /** True when the feature changed since the edit's base: approving it would overwrite that change. */
  stale: boolean;
}

export interface WikiQueueResponse {
  items: WikiQueueItem[];
}

export interface ProposeRequest {
  /** Omit for a new place or note; building:<id> / hydrant:<no> are derived from target. */
  featureId?: string;
  kind: WikiKind;
  /** Building tileset id (e.g. "osm:way/198561926") or hydrant facility number. */
  target?: string;
  baseRev: number | null;
  geometry?: WikiGeometry | null;
  properties: WikiProperties;
  comment: string;
}

export interface UpdatePendingRequest {
  geometry?: WikiGeometry | null;
  properties: WikiProperties;
  comment: string;
}

/** Every error: a human message and a machine-readable reason. */
export interface WikiError {
  error: string;
  reason: string;
  /** On 409 conflict: the current approved state of the feature. */
  current?: WikiFeature | null;
  /** On 400 validation failures: one line per problem. */
  problems?: string[];
}

export interface WikiExportMeta {
  kind: WikiKind;
  target: string | null;
  revision: number;
  author: string;
  approvedAt: string | null;
  approvedBy: string | null;
}
export interface WikiExportFeature {
  type: 'Feature';
  id: string;
  geometry: WikiGeometry | null;
  /** The feature's own properties plus `wiki`, its provenance. */
  properties: { wiki: WikiExportMeta; [key: string]: string | number | WikiExportMeta };
}
export interface WikiExport {
  type: 'FeatureCollection';
  features: WikiExportFeature[];
}

export interface WikiImportResult {
  imported: number;
  skipped: Array<{ id: string; problem: string }>;
}

export interface WikiCredentials {
  name: string;
  password: string;
}

/** Every wiki route lives under this path of the host. */
export const WIKI_PREFIX = '/api/wiki/';

type ParamValue = string | number | undefined;
type NoParams = Record<never, ParamValue>;
type EmptyBody = Record<string, never>;

/**
 * One wiki route: method and path, and (as types only) its parameters, body and answer. The page's
 * client (renderer/src/wiki/wikiClient.ts) and the host's dispatcher (main/wiki/wikiRouter.ts) are
 * both made from WIKI_ROUTES, so a route is spelled once.
 */
export interface WikiRoute<Params extends Record<string, ParamValue>, Body, Answer> {
  readonly method: 'GET' | 'POST';
  /** From the host root; a {name} segment is filled from the params, the other params go in the query. */
  readonly path: string;
  /** Type carriers only; never set. */
  readonly types?: { params: Params; body: Body; answer: Answer };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWikiRoute = WikiRoute<any, any, any>;
export type WikiParams<R> = R extends { types?: { params: infer P } } ? P : never;
export type WikiBody<R> = R extends { types?: { body: infer B } } ? B : never;
export type WikiAnswer<R> = R extends { types?: { answer: infer A } } ? A : never;

function route<Params extends Record<string, ParamValue>, Body, Answer>(method: 'GET' | 'POST', path: string): WikiRoute<Params, Body, Answer> {
  return { method, path };
}

type Revision = { revision: WikiRevision };

/** The wiki's HTTP routes. {id} is a revision id; feature ids go in ?id=. */
export const WIKI_ROUTES = {
  signUp: route<NoParams, WikiCredentials, WikiSession>('POST', '/api/wiki/signup'),
  signIn: route<NoParams, WikiCredentials, WikiSession>('POST', '/api/wiki/signin'),
  signOut: route<NoParams, EmptyBody, { ok: true }>('POST', '/api/wiki/signout'),
  me: route<NoParams, undefined, { user: WikiUser }>('GET', '/api/wiki/me'),
  /** bbox: west,south,east,north in degrees. */
  features: route<{ bbox?: string }, undefined, WikiFeaturesResponse>('GET', '/api/wiki/features'),
  feature: route<{ id: string }, undefined, WikiFeatureResponse>('GET', '/api/wiki/feature'),
  history: route<{ id: string }, undefined, WikiHistoryResponse>('GET', '/api/wiki/history'),
  propose: route<NoParams, ProposeRequest, Revision>('POST', '/api/wiki/revisions'),
  updatePending: route<{ id: number }, UpdatePendingRequest, Revision>('POST', '/api/wiki/revisions/{id}'),
  queue: route<NoParams, undefined, WikiQueueResponse>('GET', '/api/wiki/queue'),
  approve: route<{ id: number }, EmptyBody, Revision>('POST', '/api/wiki/revisions/{id}/approve'),
  reject: route<{ id: number }, { reason: string }, Revision>('POST', '/api/wiki/revisions/{id}/reject'),
  revert: route<{ id: number }, { comment?: string }, Revision>('POST', '/api/wiki/revisions/{id}/revert'),
  setRole: route<NoParams, { name: string; role: WikiRole }, { user: WikiUser }>('POST', '/api/wiki/users/role'),
  exportGeoJson: route<NoParams, undefined, WikiExport>('GET', '/api/wiki/export'),
  importGeoJson: route<NoParams, WikiExport, WikiImportResult>('POST', '/api/wiki/import'),
} as const;

export type WikiRouteName = keyof typeof WIKI_ROUTES;

const PLACEHOLDER = /^\{(\w+)\}$/;

/** The path and query of a call to `route`: {name} segments filled, other params (when set) in the query. */
export function wikiRequestPath<R extends AnyWikiRoute>(route: R, params: WikiParams<R>): string {
  const values = params as Record<string, ParamValue>;
  const used = new Set<string>();
  const path = route.path
    .split('/')
    .map((segment) => {
      const name = PLACEHOLDER.exec(segment)?.[1];
      if (name === undefined) return segment;
      used.add(name);
      return encodeURIComponent(String(values[name]));
    })
    .join('/');
  const query = Object.entries(values)
    .filter(([name, value]) => !used.has(name) && value !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
  return query.length ? `${path}?${query.join('&')}` : path;
}

/** The {name} values when `pathname` is one of the route's paths, else null. Values stay as sent. */
export function matchWikiPath(route: AnyWikiRoute, pathname: string): Record<string, string> | null {
  const want = route.path.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const values: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const name = PLACEHOLDER.exec(want[i])?.[1];
    if (name === undefined) {
      if (want[i] !== got[i]) return null;
    } else if (got[i] === '') return null;
    else values[name] = got[i];
  }
  return values;
}
