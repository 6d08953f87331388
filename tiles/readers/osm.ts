// OpenStreetMap building readers: the dron_lab snapshot format in ../shared/data/osm
// ({buildings:[{id, name?, kind, points:[{lat,lon}], height?, levels?, minHeight?}]}) and standard
// Overpass API JSON ({elements:[...]}, ways with `geometry` arrays (out geom) or node refs resolved
// from node elements (out body; >; out skel), and multipolygon relations).
import { basename } from 'node:path';
import type { BuildIssue } from '../model/cityModel.js';
import { toNumber } from './attributes.js';
import { fileFailure, readJsonFile } from './readJsonFile.js';
import type { RawFeature, RawPolygon, RawPosition, ReadOptions, ReadResult, SourceAttributes } from './types.js';

interface LatLon {
  lat?: unknown;
  lon?: unknown;
}

export async function readOsmBuildings(path: string, opts: ReadOptions): Promise<ReadResult> {
  const read = await readJsonFile(path, opts.displayName);
  if ('failure' in read) return read.failure;
  const doc = read.doc;
  const root = doc as { buildings?: unknown; elements?: unknown };
  if (root && Array.isArray(root.buildings)) return parseSnapshot(root.buildings, opts, areaFromName(path));
  if (root && Array.isArray(root.elements)) return parseOverpass(root.elements, opts);
  return fileFailure(opts.displayName, 'neither an Overpass JSON ({elements}) nor a snapshot ({buildings}) document');
}

/** dron_lab_<area>_osm-snapshot.json -> <area>, so buildings group by patch like the GeoJSON's `area`. */
function areaFromName(path: string): string | null {
  const m = /dron_lab_([a-z0-9]+)_osm/i.exec(basename(path));
  return m ? m[1] : null;
}

function toPosition(p: LatLon): RawPosition {
  return [typeof p?.lon === 'number' ? p.lon : NaN, typeof p?.lat === 'number' ? p.lat : NaN];
}

/**
 * The snapshot stores a derived height for every building with levels; when height is exactly
 * levels x 3.2 m it was most likely computed by dron_lab, not tagged (SOURCES.md, "Caveat on
 * heights"), so flag it the same way the GeoJSON's `height_basis` does.
 */
function snapshotBasis(height: number | null, levels: number | null): string | null {
  if (height === null) return null;
  if (levels !== null && levels > 0 && Math.abs(height - levels * 3.2) < 1e-6) return 'levels_x_3.2_probable';
  return 'osm_height_tag';
}

function parseSnapshot(items: unknown[], opts: ReadOptions, area: string | null): ReadResult {
  const file = opts.displayName;
  const issues: BuildIssue[] = [];
  const features: RawFeature[] = [];
  items.forEach((raw, index) => {
    const b = raw as { id?: unknown; name?: unknown; kind?: unknown; points?: unknown; height?: unknown; levels?: unknown; minHeight?: unknown };
    const featureId = b && (typeof b.id === 'number' || typeof b.id === 'string') ? String(b.id) : `#${index}`;
    if (!b || !Array.isArray(b.points)) {
      issues.push({ file, featureId, problem: 'building has no points array', action: 'skipped' });
      return;
    }
    // Heights like 38.400000000000006 are float artefacts of levels x 3.2: keep millimetres.
    const rawHeight = toNumber(b.height);
    const height = rawHeight === null ? null : Math.round(rawHeight * 1000) / 1000;
    const floors = toNumber(b.levels);
    const attributes: SourceAttributes = {
      name: typeof b.name === 'string' ? b.name : '',
      use: typeof b.kind === 'string' ? b.kind : '',
      height,
      floors,
      minHeight: toNumber(b.minHeight),
      heightBasis: snapshotBasis(height, floors),
      area,
    };
    // The snapshot does not record way vs relation; OSM buildings are overwhelmingly ways.
    features.push({ file, sourceId: featureId, idPrefix: 'osm:way', polygons: [[(b.points as LatLon[]).map(toPosition)]], attributes });
  });
  return { features, issues };
}

interface OverpassElement {
  type?: unknown;
  id?: unknown;
  tags?: Record<string, unknown>;
  geometry?: LatLon[];
  nodes?: unknown[];
  lat?: unknown;
  lon?: unknown;
  members?: { type?: unknown; ref?: unknown; role?: unknown; geometry?: LatLon[] }[];
}

function osmAttributes(tags: Record<string, unknown>): SourceAttributes {
  const height = toNumber(tags['height']);
  return {
    name: typeof tags['name'] === 'string' ? tags['name'] : '',
    use: typeof tags['building'] === 'string' ? tags['building'] : '',
    height,
    floors: toNumber(tags['building:levels']),
    minHeight: toNumber(tags['min_height']),
    basementFloors: toNumber(tags['building:levels:underground']),
    heightBasis: height === null ? null : 'osm_height_tag',
    area: null,
  };
}

function parseOverpass(elements: unknown[], opts: ReadOptions): ReadResult {
  const file = opts.displayName;
  const issues: BuildIssue[] = [];
  const features: RawFeature[] = [];
  const nodes = new Map<string, RawPosition>();
  const ways = new Map<string, OverpassElement>();
  for (const e of elements as OverpassElement[]) {
    if (e?.type === 'node') nodes.set(String(e.id), toPosition(e as LatLon));
    else if (e?.type === 'way') ways.set(String(e.id), e);
  }
  const wayLine = (w: OverpassElement): RawPosition[] | string => {
    if (Array.isArray(w.geometry)) return w.geometry.map(toPosition);
    if (Array.isArray(w.nodes)) {
      const missing = w.nodes.filter((n) => !nodes.has(String(n)));
      if (missing.length) return `${missing.length} referenced node(s) missing from the file (e.g. node ${String(missing[0])})`;
      return w.nodes.map((n) => nodes.get(String(n)) as RawPosition);
    }
    return 'way has neither geometry nor node refs';
  };

  for (const e of elements as OverpassElement[]) {
    if (!e || (e.type !== 'way' && e.type !== 'relation')) continue;
    const tags = e.tags ?? {};
    if (tags['building'] === undefined) continue; // roads, water...: not footprints
    const sourceId = String(e.id);
    if (e.type === 'way') {
      const line = wayLine(e);
      if (typeof line === 'string') {
        issues.push({ file, featureId: `way/${sourceId}`, problem: line, action: 'skipped' });
        continue;
      }
      features.push({ file, sourceId, idPrefix: 'osm:way', polygons: [[line]], attributes: osmAttributes(tags) });
      continue;
    }
    if (tags['type'] !== 'multipolygon') {
      issues.push({
        file,
        featureId: `relation/${sourceId}`,
        problem: `building relation of type ${String(tags['type'])} is not a multipolygon`,
        action: 'skipped',
      });
      continue;
    }
    const outer: RawPosition[][] = [];
    const inner: RawPosition[][] = [];
    let problem: string | null = null;
    for (const m of e.members ?? []) {
      if (m.type !== 'way') continue;
      const line = Array.isArray(m.geometry)
        ? m.geometry.map(toPosition)
        : ways.has(String(m.ref))
          ? wayLine(ways.get(String(m.ref)) as OverpassElement)
          : `member way ${String(m.ref)} missing`;
      if (typeof line === 'string') {
        problem = line;
        break;
      }
      (m.role === 'inner' ? inner : outer).push(line);
    }
    if (problem) {
      issues.push({ file, featureId: `relation/${sourceId}`, problem, action: 'skipped' });
      continue;
    }
    const { rings: outerRings, unclosed: o } = joinWays(outer);
    const { rings: innerRings, unclosed: i } = joinWays(inner);
    if (o + i) {
      issues.push({
        file,
        featureId: `relation/${sourceId}`,
        problem: `${o + i} member way chain(s) do not close into a ring; left out`,
        action: o && !outerRings.length ? 'skipped' : 'repaired',
      });
    }
    if (!outerRings.length) {
      if (o) continue;
      issues.push({ file, featureId: `relation/${sourceId}`, problem: 'multipolygon has no closed outer ring', action: 'skipped' });
      continue;
    }
    const polygons: RawPolygon[] = outerRings.map((r) => [r]);
    for (const hole of innerRings) {
      const host = polygons.find((p) => pointInRing(hole[0], p[0]));
      if (host) host.push(hole);
      else issues.push({ file, featureId: `relation/${sourceId}`, problem: 'inner ring outside every outer ring; hole dropped', action: 'repaired' });
    }
    features.push({ file, sourceId, idPrefix: 'osm:relation', polygons, attributes: osmAttributes(tags) });
  }
  return { features, issues };
}

const samePos = (a: RawPosition, b: RawPosition) => a[0] === b[0] && a[1] === b[1];

/** Joins multipolygon member ways end to end into closed rings (members may be split anywhere). */
function joinWays(lines: RawPosition[][]): { rings: RawPosition[][]; unclosed: number } {
  const rings: RawPosition[][] = [];
  let unclosed = 0;
  const open = lines.filter((l) => l.length > 0).map((l) => [...l]);
  while (open.length) {
    let ring = open.shift() as RawPosition[];
    let grown = true;
    while (!samePos(ring[0], ring[ring.length - 1]) && grown) {
      grown = false;
      for (let i = 0; i < open.length; i++) {
        const l = open[i];
        const end = ring[ring.length - 1];
        if (samePos(l[0], end)) ring = ring.concat(l.slice(1));
        else if (samePos(l[l.length - 1], end)) ring = ring.concat([...l].reverse().slice(1));
        else continue;
        open.splice(i, 1);
        grown = true;
        break;
      }
    }
    if (samePos(ring[0], ring[ring.length - 1]) && ring.length >= 4) rings.push(ring);
    else unclosed++;
  }
  return { rings, unclosed };
}

export function pointInRing(p: RawPosition, ring: RawPosition[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
