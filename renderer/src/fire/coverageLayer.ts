// The coverage analysis on the page: the declared fireCoverage and hazardRanking analyses over the
// whole build (its bbox as the area), run in the analysis worker, which reads the footprints and the
// hydrant layer itself; buildings are coloured covered (green) or gap (red) through the tileset
// style, and the per-building rows are kept for the panel and the exports.
import type { Cesium3DTileset } from 'cesium';
import type { CityManifest } from '../../../common/buildFormat.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { Row } from '../../../common/tableFormats.js';
import type { ResultTable } from '../../../workers/analyses/declaredRun.js';
import { ZONE_ASSUMPTION_NOTE } from '../../../workers/fire/zoneRule.js';
import { runDeclared } from '../analysis/analysisRun.js';
import { buildingStyle, setBuildingColourOverlay } from '../buildingStyle.js';
import type { GapRow } from './coverageExport.js';

export const COVERED_COLOUR = '#2fae5b';
export const GAP_COLOUR = '#e23d3d';

export interface CoverageData {
  /** fireCoverage's rows (one per building: distance, limit, zone, nearest facility, covered) with their footprints. */
  coverage: ResultTable;
  /** hazardRanking's rows, highest score first. */
  ranking: Row[];
  /** A building's ranking row by id. */
  hazardById: Map<string, Row>;
  /** A building's coverage row by id. */
  indexById: Map<string, number>;
  coveredCount: number;
  gapCount: number;
  seconds: number;
}

/** The build's bounding box: the coverage is citywide. */
export function buildArea(manifest: Pick<CityManifest, 'bbox'>): ScenarioArea {
  const [west, south, east, north] = manifest.bbox;
  return { west, south, east, north };
}

export async function computeCityCoverage(
  source: { manifest: CityManifest; cityBaseUrl: string },
  onProgress?: (f: number, stage: string) => void,
): Promise<CoverageData> {
  const started = performance.now();
  const area = buildArea(source.manifest);
  const covered = await runDeclared(source, { type: 'fireCoverage' }, area, 'before', { onProgress });
  const hazard = await runDeclared(source, { type: 'hazardRanking' }, area, 'before');
  const coverage = covered.tables.buildings;
  const ranking = hazard.tables.ranking?.rows;
  if (!coverage || !ranking) throw new Error([...covered.problems, ...hazard.problems].join('; '));
  return {
    coverage,
    ranking,
    hazardById: new Map(ranking.map((r) => [String(r.building_id), r])),
    indexById: new Map(coverage.rows.map((r, i) => [String(r.building_id), i])),
    coveredCount: Number(covered.facts.covered),
    gapCount: Number(covered.facts.gaps),
    seconds: (performance.now() - started) / 1000,
  };
}

export function showCoverageColours(data: CoverageData | null, tileset: Cesium3DTileset | null, selectedId: string | null): void {
  setBuildingColourOverlay(
    data
      ? (id) => {
          const i = data.indexById.get(id);
          if (i === undefined) return null;
          return data.coverage.rows[i].covered === true ? COVERED_COLOUR : GAP_COLOUR;
        }
      : null,
  );
  if (tileset) tileset.style = buildingStyle(selectedId);
}

/** A building's footprint ring (lon/lat, not closed), from the coverage table's polygon. */
export function footprintRing(data: CoverageData, i: number): number[][] {
  const geometry = data.coverage.features?.[i]?.geometry;
  const ring = geometry?.type === 'Polygon' ? [...(geometry.coordinates as number[][][])[0]] : [];
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (ring.length > 1 && first[0] === last[0] && first[1] === last[1]) ring.pop();
  return ring;
}

export function gapRows(data: CoverageData): GapRow[] {
  const rows: GapRow[] = [];
  data.coverage.rows.forEach((c, i) => {
    if (c.covered === true) return;
    const ring = footprintRing(data, i);
    const lon = ring.reduce((s, p) => s + p[0], 0) / Math.max(1, ring.length);
    const lat = ring.reduce((s, p) => s + p[1], 0) / Math.max(1, ring.length);
    const id = String(c.building_id);
    rows.push({
      id,
      name: String(c.name ?? ''),
      use: String(c.use ?? ''),
      zone: String(c.zone_assumed ?? 'other'),
      limitM: Number(c.limit_m),
      distanceM: c.distance_m === null ? Infinity : Number(c.distance_m),
      nearestFacility: String(c.nearest_facility_no ?? ''),
      hazardScore: Number(data.hazardById.get(id)?.score ?? NaN),
      lon,
      lat,
      ring,
    });
  });
  return rows.sort((a, b) => b.distanceM - a.distanceM);
}

export const COVERAGE_NOTE = `Hydrant coverage: distance from each building footprint to the nearest fire-water facility; Korean rule 100 m (residential, commercial, industrial zones) / 140 m elsewhere. ${ZONE_ASSUMPTION_NOTE}`;
