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

/** Every wiki route lives under this path of the host. */
export const WIKI_PREFIX = '/api/wiki/';

/** HTTP routes, relative to the host origin. {id} is a revision id; feature ids go in ?id=. */
export const WIKI_ROUTES = {
  signUp: 'POST /api/wiki/signup',
  signIn: 'POST /api/wiki/signin',
  signOut: 'POST /api/wiki/signout',
  me: 'GET /api/wiki/me',
  features: 'GET /api/wiki/features',
  feature: 'GET /api/wiki/feature',
  history: 'GET /api/wiki/history',
  propose: 'POST /api/wiki/revisions',
  updatePending: 'POST /api/wiki/revisions/{id}',
  queue: 'GET /api/wiki/queue',
  approve: 'POST /api/wiki/revisions/{id}/approve',
  reject: 'POST /api/wiki/revisions/{id}/reject',
  revert: 'POST /api/wiki/revisions/{id}/revert',
  setRole: 'POST /api/wiki/users/role',
  exportGeoJson: 'GET /api/wiki/export',
  importGeoJson: 'POST /api/wiki/import',
} as const;
