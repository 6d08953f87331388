// Validation of everything the wiki accepts, at the HTTP boundary: JSON shapes (ajv, no unknown
// properties), string lengths and characters, categories, geometry types, coordinates inside the
// Seoul area, and polygon ring validity (closed, enough points, no self-intersection, holes
// inside the outer ring). Returns problems as lines instead of throwing.
import Ajv, { type ErrorObject } from 'ajv';
import {
  BUILDING_USES,
  HYDRANT_PROBLEMS,
  PLACE_CATEGORIES,
  SEOUL_BBOX,
  type ProposeRequest,
  type UpdatePendingRequest,
  type WikiGeometry,
  type WikiKind,
  type WikiProperties,
} from '../../common/api/wikiContract.js';
import { mixedScripts } from './userNames.js';

export const LIMITS = {
  /** Bytes of one JSON request body (an import may be larger, see IMPORT_BODY_BYTES). */
  bodyBytes: 64 * 1024,
  importBodyBytes: 16 * 1024 * 1024,
  name: 100,
  note: 1000,
  comment: 500,
  reason: 500,
  userName: 40,
  passwordMin: 8,
  passwordMax: 200,
  rings: 10,
  ringPoints: 500,
  floors: 200,
} as const;

const ajv = new Ajv({ allErrors: true });

const position = { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 2 };
const geometrySchema = {
  oneOf: [
    { type: 'null' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'coordinates'],
      properties: { type: { const: 'Point' }, coordinates: position },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'coordinates'],
      properties: {
        type: { const: 'Polygon' },
        coordinates: {
          type: 'array',
          minItems: 1,
          maxItems: LIMITS.rings,
          items: { type: 'array', minItems: 4, maxItems: LIMITS.ringPoints, items: position },
        },
      },
    },
  ],
};
const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max });

const PROPERTY_SCHEMAS: Record<WikiKind, object> = {
  place: {
    type: 'object',
    additionalProperties: false,
    required: ['category'],
    properties: {
      name_ko: text(LIMITS.name),
      name_en: text(LIMITS.name),
      category: { enum: [...PLACE_CATEGORIES] },
      note: text(LIMITS.note),
    },
  },
  building: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      name: text(LIMITS.name, 1),
      floors: { type: 'integer', minimum: 1, maximum: LIMITS.floors },
      use: { enum: [...BUILDING_USES] },
    },
  },
  hydrant: {
    type: 'object',
    additionalProperties: false,
    required: ['problem'],
    properties: { problem: { enum: [...HYDRANT_PROBLEMS] }, note: text(LIMITS.note) },
  },
  note: {
    type: 'object',
    additionalProperties: false,
    required: ['text'],
    properties: { text: text(LIMITS.note, 1) },
  },
};
const validateProperties = Object.fromEntries(Object.entries(PROPERTY_SCHEMAS).map(([kind, schema]) => [kind, ajv.compile(schema)])) as Record<
  WikiKind,
  ReturnType<typeof ajv.compile>
>;

const validatePropose = ajv.compile<ProposeRequest>({
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'baseRev', 'properties', 'comment'],
  properties: {
    featureId: text(200, 1),
    kind: { enum: ['place', 'building', 'hydrant', 'note'] },
    target: text(100, 1),
    baseRev: { oneOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }] },
    geometry: geometrySchema,
    properties: { type: 'object' },
    comment: text(LIMITS.comment, 1),
  },
});
const validateUpdate = ajv.compile<UpdatePendingRequest>({
  type: 'object',
  additionalProperties: false,
  required: ['properties', 'comment'],
  properties: { geometry: geometrySchema, properties: { type: 'object' }, comment: text(LIMITS.comment, 1) },
});
export const validateCredentials = ajv.compile<{ name: string; password: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'password'],
  properties: { name: text(LIMITS.userName, 1), password: text(LIMITS.passwordMax, 1) },
});
export const validateReason = ajv.compile<{ reason: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: text(LIMITS.reason, 1) },
});
export const validateComment = ajv.compile<{ comment?: string }>({
  type: 'object',
  additionalProperties: false,
  properties: { comment: text(LIMITS.comment, 1) },
});
export const validateRole = ajv.compile<{ name: string; role: 'citizen' | 'moderator' | 'admin' }>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'role'],
  properties: { name: text(LIMITS.userName, 1), role: { enum: ['citizen', 'moderator', 'admin'] } },
});

export function ajvProblems(errors: ErrorObject[] | null | undefined, where = ''): string[] {
  return (errors ?? []).map(
    (e) =>
      `${where}${e.instancePath || '/'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}`,
  );
}

/** Characters no user text may hold, by what they are: each hides or disguises text, or breaks a line where none shows. */
const FORBIDDEN_CHARS: Array<{ what: string; pattern: RegExp }> = [
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  { what: 'control characters', pattern: /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u },
  { what: 'zero-width characters', pattern: /[\u200B-\u200D\u2060\uFEFF]/u },
  { what: 'direction marks or overrides', pattern: /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/u },
  { what: 'tag characters', pattern: /[\u{E0000}-\u{E007F}]/u },
  { what: 'a lone surrogate', pattern: /[\uD800-\uDFFF]/u },
];
const LINE_BREAKS = /[\r\n\t\u2028\u2029]/u;
const SINGLE_LINE_KEYS = new Set(['name', 'name_ko', 'name_en']);

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where a pattern first matches, as "U+XXXX at position N" (1-based, in code points). */
function firstMatch(value: string, pattern: RegExp): string | null {
  let position = 0;
  for (const ch of value) {
    position++;
    if (pattern.test(ch)) return `${codePoint(ch)} at position ${position}`;
  }
  return null;
}

export function textProblems(label: string, value: string, singleLine: boolean): string[] {
  const out: string[] = [];
  for (const { what, pattern } of FORBIDDEN_CHARS) {
    const where = firstMatch(value, pattern);
    if (where) out.push(`${label} contains ${what} (${where})`);
  }
  if (singleLine) {
    const where = firstMatch(value, LINE_BREAKS);
    if (where) out.push(`${label} must be one line (${where} breaks it)`);
  }
  if (value.trim() !== value && value.trim() === '') out.push(`${label} is blank`);
  return out;
}

export const USER_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;
// Tileset ids: "osm:way/123", "shp:<file>:<fid>", "geojson:<file>:<id>" (common/buildFormat.ts).
const BUILDING_TARGET = /^[\p{L}\p{N}][\p{L}\p{N}:/._-]*$/u;
const HYDRANT_TARGET = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;
const FEATURE_ID = /^(place|note):[0-9a-f]{16}$|^building:|^hydrant:/;

function inSeoul([lon, lat]: [number, number]): boolean {
  return lon >= SEOUL_BBOX.west && lon <= SEOUL_BBOX.east && lat >= SEOUL_BBOX.south && lat <= SEOUL_BBOX.north;
}

function cross(o: number[], a: number[], b: number[]): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

function onSegment(p: number[], q: number[], r: number[]): boolean {
  return Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
}

function segmentsIntersect(p1: number[], p2: number[], p3: number[], p4: number[]): boolean {
  const d1 = cross(p3, p4, p1);
  const d2 = cross(p3, p4, p2);
  const d3 = cross(p1, p2, p3);
  const d4 = cross(p1, p2, p4);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(p3, p1, p4)) || (d2 === 0 && onSegment(p3, p2, p4)) || (d3 === 0 && onSegment(p1, p3, p2)) || (d4 === 0 && onSegment(p1, p4, p2))
  );
}

/** Index of the first pair of non-adjacent edges that touch or cross, or null. O(n²) on ≤500 points. */
export function selfIntersection(ring: Array<[number, number]>): [number, number] | null {
  const n = ring.length - 1; // edges; the ring is closed
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (j === i + 1 || (i === 0 && j === n - 1)) continue; // neighbours share a vertex
      if (segmentsIntersect(ring[i], ring[i + 1], ring[j], ring[j + 1])) return [i, j];
    }
  }
  return null;
}

function ringArea(ring: Array<[number, number]>): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}

function pointInRing(p: [number, number], ring: Array<[number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function geometryProblems(g: WikiGeometry): string[] {
  const out: string[] = [];
  const positions: Array<[number, number]> = g.type === 'Point' ? [g.coordinates] : g.coordinates.flat();
  for (const p of positions) {
    if (!p.every(Number.isFinite)) {
      out.push('geometry has a coordinate that is not a finite number');
      return out;
    }
  }
  const outside = positions.find((p) => !inSeoul(p));
  if (outside) {
    out.push(
      `geometry has a coordinate outside the Seoul area (${outside[0]}, ${outside[1]}); allowed lon ${SEOUL_BBOX.west}..${SEOUL_BBOX.east}, lat ${SEOUL_BBOX.south}..${SEOUL_BBOX.north}`,
    );
  }
  if (g.type === 'Polygon') {
    g.coordinates.forEach((ring, r) => {
      const label = r === 0 ? 'outer ring' : `hole ${r}`;
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first[0] !== last[0] || first[1] !== last[1]) {
        out.push(`${label} is not closed (first and last positions differ)`);
        return;
      }
      const hit = selfIntersection(ring);
      if (new Set(ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size < 3) out.push(`${label} has fewer than 3 distinct positions`);
      else if (hit) out.push(`${label} intersects itself (edges ${hit[0]} and ${hit[1]})`);
      else if (ringArea(ring) === 0) out.push(`${label} has zero area`);
      else {
        if (r > 0 && !ring.slice(0, -1).every((p) => pointInRing(p, g.coordinates[0]))) out.push(`${label} is not inside the outer ring`);
      }
    });
  }
  return out;
}

function propertyProblems(kind: WikiKind, props: WikiProperties): string[] {
  const validate = validateProperties[kind];
  if (!validate(props)) return ajvProblems(validate.errors, 'properties');
  const out: string[] = [];
  for (const [key, value] of Object.entries(props)) {
    if (typeof value === 'string') out.push(...textProblems(`properties.${key}`, value, SINGLE_LINE_KEYS.has(key)));
  }
  if (kind === 'place' && !(props.name_ko ?? '').toString().trim() && !(props.name_en ?? '').toString().trim()) {
    out.push('a place needs a name in Korean or English (name_ko or name_en)');
  }
  return out;
}

const GEOMETRY_RULE: Record<WikiKind, { required: boolean; types: Array<WikiGeometry['type']> }> = {
  place: { required: true, types: ['Point', 'Polygon'] },
  note: { required: true, types: ['Point'] },
  hydrant: { required: false, types: ['Point'] },
  building: { required: false, types: [] },
};

function geometryRuleProblems(kind: WikiKind, geometry: WikiGeometry | null | undefined): string[] {
  const rule = GEOMETRY_RULE[kind];
  if (!geometry) return rule.required ? [`a ${kind} needs a geometry (${rule.types.join(' or ')})`] : [];
  if (!rule.types.includes(geometry.type)) {
    return [
      rule.types.length
        ? `a ${kind} geometry must be ${rule.types.join(' or ')}, not ${geometry.type}`
        : `a ${kind} edit carries no geometry (the footprint is base data)`,
    ];
  }
  return geometryProblems(geometry);
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export function checkPropose(body: unknown): Checked<ProposeRequest> {
  if (!validatePropose(body)) return { ok: false, problems: ajvProblems(validatePropose.errors) };
  const req = body;
  const problems = [
    ...textProblems('comment', req.comment, false),
    ...propertyProblems(req.kind, req.properties),
    ...geometryRuleProblems(req.kind, req.geometry),
  ];
  if (req.kind === 'building' || req.kind === 'hydrant') {
    const pattern = req.kind === 'building' ? BUILDING_TARGET : HYDRANT_TARGET;
    if (!req.target)
      problems.push(
        `a ${req.kind} edit needs a target (${req.kind === 'building' ? "the building's tileset id, e.g. osm:way/198561926" : 'the facility number'})`,
      );
    else if (!pattern.test(req.target))
      problems.push(`target ${JSON.stringify(req.target)} is not a valid ${req.kind === 'building' ? 'building id' : 'facility number'}`);
    if (req.featureId !== undefined && req.featureId !== `${req.kind}:${req.target}`)
      problems.push(`featureId must be ${req.kind}:<target> for a ${req.kind} edit`);
  } else {
    if (req.target !== undefined) problems.push(`a ${req.kind} has no target`);
    if (req.featureId !== undefined && !(FEATURE_ID.test(req.featureId) && req.featureId.startsWith(`${req.kind}:`)))
      problems.push(`featureId ${JSON.stringify(req.featureId)} is not a ${req.kind} id`);
    if (req.featureId === undefined && req.baseRev !== null) problems.push('baseRev must be null when proposing a new feature');
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: req };
}

export function checkUpdate(kind: WikiKind, body: unknown): Checked<UpdatePendingRequest> {
  if (!validateUpdate(body)) return { ok: false, problems: ajvProblems(validateUpdate.errors) };
  const problems = [...textProblems('comment', body.comment, false), ...propertyProblems(kind, body.properties), ...geometryRuleProblems(kind, body.geometry)];
  return problems.length ? { ok: false, problems } : { ok: true, value: body };
}

export function checkUserName(name: string): string[] {
  const problems = textProblems('name', name, true);
  if (problems.length) return problems;
  if (!USER_NAME.test(name)) return ['name must start with a letter or digit and contain only letters, digits, spaces, ".", "_" and "-"'];
  const scripts = mixedScripts(name);
  if (scripts) return [`name mixes scripts (${scripts.join(', ')}); use one script, or Latin with Hangul or other East Asian scripts`];
  return [];
}
