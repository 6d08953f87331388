// GeoJSON building reader: FeatureCollection (or a single Feature) of Polygon/MultiPolygon
// footprints. Honours the legacy `crs` member (e.g. urn:ogc:def:crs:EPSG::5186) that GDAL writes
// for projected GeoJSON; otherwise the configured CRS, otherwise WGS84 as RFC 7946 says.
import { isSupportedCrs, normalizeEpsg, toWgs84 } from '../../common/crs.js';
import type { BuildIssue } from '../model/cityModel.js';
import { mapAttributes } from './attributes.js';
import { fileFailure, readJsonFile } from './readJsonFile.js';
import type { RawFeature, RawPolygon, ReadOptions, ReadResult } from './types.js';

/** 'urn:ogc:def:crs:EPSG::5186', 'EPSG:5186', 'urn:ogc:def:crs:OGC:1.3:CRS84' -> 'EPSG:nnnn' or null. */
export function crsFromGeoJsonMember(crs: unknown): string | null {
  const name = (crs as { properties?: { name?: unknown } } | null)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 'EPSG:4326';
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  return m ? `EPSG:${m[1]}` : null;
}

export async function readGeoJsonBuildings(path: string, opts: ReadOptions): Promise<ReadResult> {
  const read = await readJsonFile(path, opts.displayName);
  return 'failure' in read ? read.failure : parseGeoJsonBuildings(read.doc, opts);
}

export function parseGeoJsonBuildings(doc: unknown, opts: ReadOptions): ReadResult {
  const file = opts.displayName;
  const issues: BuildIssue[] = [];
  const root = doc as { type?: unknown; features?: unknown; crs?: unknown };
  let features: unknown[];
  if (root && root.type === 'FeatureCollection' && Array.isArray(root.features)) features = root.features;
  else if (root && root.type === 'Feature') features = [root];
  else return fileFailure(file, 'not a GeoJSON FeatureCollection or Feature');

  let crs = 'EPSG:4326';
  const declared = root.crs !== undefined ? crsFromGeoJsonMember(root.crs) : null;
  if (root.crs !== undefined && (declared === null || !isSupportedCrs(declared))) {
    if (!opts.crs) return fileFailure(file, `unknown CRS ${JSON.stringify(root.crs)} and no crs configured`);
    issues.push({ file, featureId: '*', problem: `unknown CRS ${JSON.stringify(root.crs)}`, action: 'note' });
    crs = normalizeEpsg(opts.crs);
  } else if (declared) crs = normalizeEpsg(declared);
  else if (opts.crs) crs = normalizeEpsg(opts.crs);
  else {
    // RFC 7946 says WGS84, but projected files without a `crs` member are common (official Korean
    // layers exported without one): one line for the file instead of one per building.
    const projected = firstNonLonLat(features);
    if (projected) {
      return fileFailure(
        file,
        `the file states no CRS and its coordinates are not lon/lat (e.g. ${projected.join(', ')}): set "crs" for this source in the sources config (Korean grids: EPSG:5174, 5179, 5181, 5186)`,
      );
    }
  }

  const out: RawFeature[] = [];
  features.forEach((f, index) => {
    const feature = f as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown };
    const props = (feature?.properties && typeof feature.properties === 'object' ? feature.properties : {}) as Record<string, unknown>;
    const attrs = mapAttributes(props, opts.fields);
    const featureId = attrs.id ?? (feature?.id !== undefined ? String(feature.id) : `#${index}`);
    const geom = feature?.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    if (!feature || feature.type !== 'Feature') {
      issues.push({ file, featureId, problem: 'array entry is not a GeoJSON Feature', action: 'skipped' });
      return;
    }
    if (!geom || !Array.isArray(geom.coordinates)) {
      issues.push({ file, featureId, problem: 'feature has no geometry', action: 'skipped' });
      return;
    }
    let polygons: RawPolygon[];
    if (geom.type === 'Polygon') polygons = [toRawPolygon(geom.coordinates, crs)];
    else if (geom.type === 'MultiPolygon') polygons = (geom.coordinates as unknown[]).map((p) => toRawPolygon(p, crs));
    else {
      issues.push({ file, featureId, problem: `geometry type ${String(geom.type)} is not a footprint (Polygon/MultiPolygon expected)`, action: 'skipped' });
      return;
    }
    const { id: _id, ...attributes } = attrs;
    out.push({ file, sourceId: featureId, idPrefix: idPrefixFor(props, file), polygons, attributes });
  });
  return { features: out, issues };
}

/** The first position outside lon/lat range, or null. */
function firstNonLonLat(features: unknown[]): number[] | null {
  for (const f of features) {
    const coords = (f as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates;
    const first = firstPosition(coords);
    if (first && (Math.abs(first[0]) > 180 || Math.abs(first[1]) > 90)) return first;
  }
  return null;
}

function firstPosition(coords: unknown): number[] | null {
  let c = coords;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? [c[0], c[1]] : null;
}

function idPrefixFor(props: Record<string, unknown>, file: string): string {
  if (props['osm_id'] !== undefined) return `osm:${typeof props['osm_type'] === 'string' ? props['osm_type'] : 'way'}`;
  return `geojson:${file}`;
}

/** Non-numeric positions become [NaN, NaN] so the repair step reports and skips them. */
function toRawPolygon(rings: unknown, crs: string): RawPolygon {
  if (!Array.isArray(rings)) return [];
  return rings.map((ring) => {
    if (!Array.isArray(ring)) return [];
    return ring.map((p) => {
      const x = Array.isArray(p) && typeof p[0] === 'number' ? p[0] : NaN;
      const y = Array.isArray(p) && typeof p[1] === 'number' ? p[1] : NaN;
      if (crs === 'EPSG:4326' || !Number.isFinite(x) || !Number.isFinite(y)) return [x, y];
      return toWgs84(crs, x, y);
    });
  });
}
