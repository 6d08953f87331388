// The coverage analysis on the page: loads the build's footprints, runs the coverage and hazard
// engines in the analysis worker, colours buildings covered (green) or gap (red) through the
// tileset style, and keeps the per-building figures for the panel and the exports.
import type { Cesium3DTileset } from 'cesium';
import type { FootprintsInfo } from '../../../common/buildFormat.js';
import type { CoverageResult } from '../../../workers/fire/coverage.js';
import type { HazardResult } from '../../../workers/fire/hazard.js';
import { useRisk } from '../../../workers/fire/hazard.js';
import { ZONE_ASSUMPTION_NOTE, ZONE_CODES, zoneCode, zoneForUse } from '../../../workers/fire/zoneRule.js';
import { runAnalysis } from '../analysis/analysisClient.js';
import { buildingStyle, setBuildingColourOverlay } from '../buildingStyle.js';
import type { FootprintsFile } from '../../../common/buildFormat.js';
import type { GapRow } from './coverageExport.js';

export const COVERED_COLOUR = '#2fae5b';
export const GAP_COLOUR = '#e23d3d';

export interface CoverageData {
  file: FootprintsFile;
  offsets: Uint32Array;
  lonLat: Float64Array;
  zones: Uint8Array;
  coverage: CoverageResult;
  hazard: HazardResult;
  indexById: Map<string, number>;
  seconds: number;
}

export async function computeCityCoverage(
  info: FootprintsInfo,
  url: (p: string) => string,
  hydrants: Float64Array,
  onProgress?: (f: number, stage: string) => void,
): Promise<CoverageData> {
  const started = performance.now();
  const response = await fetch(url(info.path));
  if (!response.ok) throw new Error(`${info.path}: HTTP ${response.status}`);
  const file = (await response.json()) as FootprintsFile;
  const offsets = Uint32Array.from(file.offsets);
  const lonLat = Float64Array.from(file.lonLat);
  const zones = Uint8Array.from(file.uses.map((u) => zoneCode(zoneForUse(u))));
  // Copies go to the worker; the page keeps its own arrays for drawing and export.
  const coverage = await runAnalysis(
    'computeCoverage',
    { hydrants: hydrants.slice(), buildings: { offsets: offsets.slice(), lonLat: lonLat.slice() }, zones: zones.slice() },
    { onProgress },
  );
  const hazard = await runAnalysis('rankHazard', {
    buildings: { offsets: offsets.slice(), lonLat: lonLat.slice() },
    height: Float32Array.from(file.heights),
    floors: Float32Array.from(file.floors),
    useRisk: Float32Array.from(file.uses.map(useRisk)),
    hydrantDistance: coverage.distance.slice(),
    limit: coverage.limit.slice(),
  });
  return {
    file,
    offsets,
    lonLat,
    zones,
    coverage,
    hazard,
    indexById: new Map(file.ids.map((id, i) => [id, i])),
    seconds: (performance.now() - started) / 1000,
  };
}

export function showCoverageColours(data: CoverageData | null, tileset: Cesium3DTileset | null, selectedId: string | null): void {
  setBuildingColourOverlay(
    data
      ? (id) => {
          const i = data.indexById.get(id);
          if (i === undefined) return null;
          return data.coverage.covered[i] ? COVERED_COLOUR : GAP_COLOUR;
        }
      : null,
  );
  if (tileset) tileset.style = buildingStyle(selectedId);
}

export function gapRows(data: CoverageData, facilityNo: (index: number) => string): GapRow[] {
  const rows: GapRow[] = [];
  const n = data.file.ids.length;
  for (let i = 0; i < n; i++) {
    if (data.coverage.covered[i]) continue;
    const ring: number[][] = [];
    for (let v = data.offsets[i]; v < data.offsets[i + 1]; v++) ring.push([data.lonLat[2 * v], data.lonLat[2 * v + 1]]);
    const lon = ring.reduce((s, p) => s + p[0], 0) / Math.max(1, ring.length);
    const lat = ring.reduce((s, p) => s + p[1], 0) / Math.max(1, ring.length);
    rows.push({
      id: data.file.ids[i],
      name: data.file.names[i],
      use: data.file.uses[i],
      zone: ZONE_CODES[data.zones[i]] ?? 'other',
      limitM: data.coverage.limit[i],
      distanceM: data.coverage.distance[i],
      nearestFacility: data.coverage.nearest[i] >= 0 ? facilityNo(data.coverage.nearest[i]) : '',
      hazardScore: data.hazard.score[i],
      lon,
      lat,
      ring,
    });
  }
  return rows.sort((a, b) => b.distanceM - a.distanceM);
}

export const COVERAGE_NOTE = `Hydrant coverage: distance from each building footprint to the nearest fire-water facility; Korean rule 100 m (residential, commercial, industrial zones) / 140 m elsewhere. ${ZONE_ASSUMPTION_NOTE}`;
