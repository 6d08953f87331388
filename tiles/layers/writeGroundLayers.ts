// Ground layers (water, waterways, parks, district boundaries, roads), city-wide: as compact GeoJSON
// (6-decimal coordinates, ~0.1 m, and only the properties the UI shows) for the analyses, the
// district labels and older renderers, and drawn into imagery tiles (writeGroundImagery.ts), which
// is how the renderer shows them at any scale.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BUILD_PATHS, type GroundLayerInfo } from '../../common/buildFormat.js';
import { groundStyle } from '../../common/groundStyle.js';
import type { BuildLog } from '../model/cityModel.js';
import { expandPath } from '../model/loadCity.js';
import { writeGroundImagery, type ImageryOptions, type ImageryShapes } from './writeGroundImagery.js';

type GeomKind = 'polygon' | 'line';

/** Properties kept per feature: names in Korean and English (when the source has one) and a kind. */
export interface GroundFeatureProperties {
  name: string;
  nameEn: string;
  kind: string;
}

interface LayerSource {
  path: string; // relative to the source dir; `*` allowed in the file name
  props: (p: Record<string, unknown>) => GroundFeatureProperties;
  /** Line layers only: draw polygon features as their outlines (else they belong to another layer). */
  outlinePolygons?: boolean;
}

interface LayerSpec {
  id: string;
  kind: GeomKind;
  sources: LayerSource[];
  attribution: string;
  defaultVisible: boolean;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : v === null || v === undefined ? '' : String(v));
const OSM = '© OpenStreetMap contributors, ODbL 1.0';
const osmProps =
  (fallbackKind: string) =>
  (p: Record<string, unknown>): GroundFeatureProperties => ({
    name: text(p['name']),
    nameEn: text(p['name:en']),
    kind: text(p['kind']) || text(p['highway']) || fallbackKind,
  });

/** Attribution texts follow ../shared/data/SOURCES.md (publisher and licence as far as known). */
export const GROUND_LAYERS: LayerSpec[] = [
  {
    id: 'water',
    kind: 'polygon',
    sources: [
      // UCB is a feature code whose table was not published with the data: kept as a raw code.
      { path: 'hydro/seoul_water_bodies.geojson', props: (p) => ({ name: '', nameEn: '', kind: p['UCB'] ? `water-${text(p['UCB'])}` : 'water' }) },
      { path: 'hydro/seoul_osm_waterways_*.geojson', props: osmProps('water') },
    ],
    attribution: `Water bodies: Korean public digital map water layer (via Aete/seoul-terrain-animation; licence not stated); waterways ${OSM}`,
    defaultVisible: true,
  },
  {
    id: 'waterways',
    kind: 'line',
    sources: [{ path: 'hydro/seoul_osm_waterways_*.geojson', props: osmProps('stream') }],
    attribution: `Waterways ${OSM}`,
    defaultVisible: true,
  },
  {
    id: 'parks',
    kind: 'polygon',
    sources: [
      { path: 'landuse/seoul_parks_upis.geojson', props: (p) => ({ name: text(p['LABEL']), nameEn: '', kind: 'park' }) },
      { path: 'landuse/seoul_osm_parks_*.geojson', props: osmProps('park') },
    ],
    attribution: `Parks: Seoul urban-planning (UPIS) park areas (via Aete/seoul-terrain-animation; licence not stated); ${OSM}`,
    defaultVisible: true,
  },
  {
    id: 'districts',
    kind: 'polygon',
    sources: [{ path: 'boundaries/seoul_gu_kostat2013.geojson', props: (p) => ({ name: text(p['name']), nameEn: text(p['name_eng']), kind: 'gu' }) }],
    attribution: 'District (gu) boundaries: Statistics Korea (KOSTAT) 2013 census boundaries (via southkorea/seoul-maps, Apache-2.0)',
    defaultVisible: true,
  },
  {
    id: 'roads',
    kind: 'line',
    // The one polygon there (a bridge outline) is drawn as its outline.
    sources: [{ path: 'roads/seoul_osm_roads_paths_*.geojson', props: osmProps('road'), outlinePolygons: true }],
    attribution: `Roads and paths ${OSM}`,
    defaultVisible: false,
  },
];

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Rounds a line/ring to 6 decimals and drops points that became duplicates; null if invalid. */
function compactLine(coords: unknown, minPoints: number): number[][] | null {
  if (!Array.isArray(coords)) return null;
  const out: number[][] = [];
  for (const p of coords) {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
    const q = [r6(p[0]), r6(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out.length >= minPoints ? out : null;
}

function compactPolygon(rings: unknown): number[][][] | null {
  if (!Array.isArray(rings) || !rings.length) return null;
  const outer = compactLine(rings[0], 4);
  if (!outer) return null;
  const holes = rings
    .slice(1)
    .map((r) => compactLine(r, 4))
    .filter((r): r is number[][] => r !== null);
  return [outer, ...holes];
}

/** Geometry reduced to the layer's kind; null when the feature does not belong to this layer. */
function compactGeometry(
  geom: { type?: unknown; coordinates?: unknown } | null | undefined,
  kind: GeomKind,
  outlinePolygons = false,
): CompactGeometry | null | 'broken' {
  if (!geom || typeof geom.type !== 'string') return 'broken';
  const c = geom.coordinates;
  if (kind === 'polygon') {
    if (geom.type === 'Polygon') {
      const p = compactPolygon(c);
      return p ? { type: 'Polygon', coordinates: p } : 'broken';
    }
    if (geom.type === 'MultiPolygon' && Array.isArray(c)) {
      const ps = c.map(compactPolygon).filter((p): p is number[][][] => p !== null);
      return ps.length ? { type: 'MultiPolygon', coordinates: ps } : 'broken';
    }
    return null;
  }
  if (geom.type === 'LineString') {
    const l = compactLine(c, 2);
    return l ? { type: 'LineString', coordinates: l } : 'broken';
  }
  if (geom.type === 'MultiLineString' && Array.isArray(c)) {
    const ls = c.map((l) => compactLine(l, 2)).filter((l): l is number[][] => l !== null);
    return ls.length ? { type: 'MultiLineString', coordinates: ls } : 'broken';
  }
  if (outlinePolygons && (geom.type === 'Polygon' || geom.type === 'MultiPolygon') && Array.isArray(c)) {
    const polys = (geom.type === 'Polygon' ? [c] : c) as unknown[];
    const rings = polys
      .flatMap((p) => (Array.isArray(p) ? p : []))
      .map((r) => compactLine(r, 2))
      .filter((l): l is number[][] => l !== null);
    return rings.length ? { type: 'MultiLineString', coordinates: rings } : 'broken';
  }
  return null;
}

interface CompactGeometry {
  type: string;
  coordinates: unknown;
}

/** The shapes to draw and the lon/lat box of a layer's geometries. */
function shapesOf(geometries: CompactGeometry[]): { shapes: ImageryShapes; bbox: [number, number, number, number] } {
  const shapes: ImageryShapes = { polygons: [], lines: [] };
  for (const g of geometries) {
    if (g.type === 'Polygon') shapes.polygons.push(g.coordinates as number[][][]);
    else if (g.type === 'MultiPolygon') shapes.polygons.push(...(g.coordinates as number[][][][]));
    else if (g.type === 'LineString') shapes.lines.push(g.coordinates as number[][]);
    else if (g.type === 'MultiLineString') shapes.lines.push(...(g.coordinates as number[][][]));
  }
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const line of [...shapes.polygons.map((p) => p[0]), ...shapes.lines])
    for (const [x, y] of line) {
      if (x < bbox[0]) bbox[0] = x;
      if (y < bbox[1]) bbox[1] = y;
      if (x > bbox[2]) bbox[2] = x;
      if (y > bbox[3]) bbox[3] = y;
    }
  return { shapes, bbox };
}

export interface GroundLayersOptions {
  /** Imagery tiles (default: drawn, levels 0-16); null leaves them out. */
  imagery?: ImageryOptions | null;
}

export async function writeGroundLayers(sourceDir: string, outDir: string, log: BuildLog, opts: GroundLayersOptions = {}): Promise<GroundLayerInfo[]> {
  const dir = join(outDir, BUILD_PATHS.layersDir);
  await mkdir(dir, { recursive: true });
  const infos: GroundLayerInfo[] = [];
  const parsed = new Map<string, unknown>(); // a source file used by two layers is read once
  for (const [n, spec] of GROUND_LAYERS.entries()) {
    log.progress('ground layers', n, GROUND_LAYERS.length);
    const features: { type: 'Feature'; properties: GroundFeatureProperties; geometry: CompactGeometry }[] = [];
    for (const src of spec.sources) {
      const files = await expandPath(sourceDir, src.path);
      if (!files.length) {
        log.issue({ file: src.path, featureId: '*', problem: `source for layer ${spec.id} not found`, action: 'file-skipped' });
        continue;
      }
      for (const path of files) {
        const file = relative(sourceDir, path);
        let doc = parsed.get(path);
        if (doc === undefined) {
          try {
            doc = JSON.parse(await readFile(path, 'utf8'));
          } catch (err) {
            doc = null;
            log.issue({ file, featureId: '*', problem: `unreadable or invalid JSON: ${(err as Error).message}`, action: 'file-skipped' });
          }
          parsed.set(path, doc);
        }
        const list = (doc as { features?: unknown } | null)?.features;
        if (!Array.isArray(list)) {
          if (doc !== null) log.issue({ file, featureId: '*', problem: 'not a GeoJSON FeatureCollection', action: 'file-skipped' });
          continue;
        }
        list.forEach((f: { properties?: Record<string, unknown>; geometry?: { type?: unknown; coordinates?: unknown }; id?: unknown }, i) => {
          const props = f?.properties ?? {};
          const geometry = compactGeometry(f?.geometry, spec.kind, src.outlinePolygons);
          if (geometry === null) return; // e.g. a waterway line while building the polygon layer
          if (geometry === 'broken') {
            const id = text(props['osm_id'] ?? props['fid'] ?? props['ID'] ?? props['code'] ?? f?.id) || `#${i}`;
            log.issue({ file, featureId: id, problem: `layer ${spec.id}: missing or invalid geometry`, action: 'skipped' });
            return;
          }
          features.push({ type: 'Feature', properties: src.props(props), geometry });
        });
      }
    }
    if (!features.length) {
      log.info(`ground layer ${spec.id}: no features, not written`);
      continue;
    }
    const path = `${BUILD_PATHS.layersDir}/${spec.id}.geojson`;
    await writeFile(join(outDir, path), JSON.stringify({ type: 'FeatureCollection', features }));
    const { shapes, bbox } = shapesOf(features.map((f) => f.geometry));
    const info: GroundLayerInfo = {
      id: spec.id,
      path,
      kind: spec.kind,
      featureCount: features.length,
      attribution: spec.attribution,
      defaultVisible: spec.defaultVisible,
      bbox,
    };
    if (opts.imagery !== null) {
      const started = performance.now();
      info.imagery = await writeGroundImagery(outDir, `${BUILD_PATHS.layersDir}/${spec.id}`, shapes, groundStyle(spec.id), opts.imagery);
      log.info(
        `ground layer ${spec.id}: ${info.imagery.tileCount} imagery tiles, ${(info.imagery.bytes / 1e6).toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    infos.push(info);
  }
  log.progress('ground layers', GROUND_LAYERS.length, GROUND_LAYERS.length);
  return infos;
}
