// Plans a batch run from a scenario file: the analysis entry checked against the declared schema
// (nothing is planned — so nothing enqueued — for a scenario that fails it), the declared defaults
// filled in and the date pinned (every tile of a run computes the same day), the area's tiles of
// the surface model, the halo, and one sun site for the whole area.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { declarationOf } from '../../common/analyses/analyses.js';
import type { AnalysisEntry } from '../../common/analyses/analyses.js';
import { boxesOverlap, BATCH_RUN_ID, tileHalo, tilesOfModel, type BatchArea, type BatchRunSpec, type Box5186 } from '../../common/batch/batchRun.js';
import { fromWgs84, toWgs84 } from '../../common/crs.js';
import { parseScenario } from '../../common/scenario/scenarioValidate.js';
import { openCityData, type CityData, type GeoJsonFeature } from '../../workers/data/cityData.js';
import { surfaceModelOf } from '../../workers/data/surfaceWindow.js';
import { areaBounds5186 } from '../../workers/planning/analysisWindow.js';
import { winterSolsticeKst } from '../../workers/sun/sunPosition.js';
import { polygonClipping, type MultiPolygon, type Polygon } from '../../tiles/model/polygonClipping.js';
import { lowestSunElevation } from './sunReach.js';

export interface PlanOptions {
  scenarioFile: string;
  area: BatchArea;
  cityUrl: string;
  outDir: string;
  /** Which of the scenario's analyses (type or 1-based index); needed when it has several. */
  analysis?: string;
  variant?: 'before' | 'after';
  runId?: string;
  now?: Date;
}

export class BatchPlanError extends Error {}

/** `seoul`, `gu NAME` (Korean or English name) or `west,south,east,north`. */
export function parseBatchArea(words: string[]): BatchArea {
  if (words[0] === 'seoul' && words.length === 1) return { kind: 'seoul' };
  if (words[0] === 'gu' && words.length >= 2) return { kind: 'gu', name: words.slice(1).join(' ') };
  const n = words.length === 1 ? words[0].split(',').map(Number) : [];
  if (n.length === 4 && n.every(Number.isFinite) && n[0] < n[2] && n[1] < n[3]) return { kind: 'box', west: n[0], south: n[1], east: n[2], north: n[3] };
  throw new BatchPlanError(`--area must be seoul, gu NAME or west,south,east,north (got ${JSON.stringify(words.join(' '))})`);
}

function pickAnalysis(analyses: AnalysisEntry[], which: string | undefined): AnalysisEntry {
  if (which === undefined) {
    if (analyses.length === 1) return analyses[0];
    throw new BatchPlanError(`the scenario has ${analyses.length} analyses (${analyses.map((a) => a.type).join(', ')}): choose one with --analysis TYPE or N`);
  }
  const byIndex = /^\d+$/.test(which) ? analyses[Number(which) - 1] : undefined;
  const found = byIndex ?? analyses.filter((a) => a.type === which);
  if (!Array.isArray(found)) return found;
  if (found.length !== 1) throw new BatchPlanError(`--analysis ${which}: the scenario has ${found.length} such analyses`);
  return found[0];
}

/** The entry with the declared defaults filled in, and sun dates pinned. */
function completeEntry(entry: AnalysisEntry, now: Date): AnalysisEntry {
  const filled = { ...declarationOf(entry.type).parameters.defaults, ...entry } as AnalysisEntry;
  if (filled.type === 'sunHours' && !filled.date) filled.date = winterSolsticeKst(now.getUTCFullYear());
  return filled;
}

function polygonsOf(features: GeoJsonFeature[]): MultiPolygon {
  const out: Polygon[] = [];
  const project = (ring: number[][]) => ring.map(([lon, lat]) => fromWgs84(5186, lon, lat) as [number, number]);
  for (const f of features) {
    const g = f.geometry;
    if (g?.type === 'Polygon') out.push((g.coordinates as number[][][]).map(project));
    if (g?.type === 'MultiPolygon') for (const p of g.coordinates as number[][][][]) out.push(p.map(project));
  }
  return out;
}

/** Whether a tile overlaps the area: a box, or the district polygons (the build's `districts` layer). */
async function areaTest(city: CityData, area: BatchArea): Promise<{ touches: (b: Box5186) => boolean; box: Box5186 }> {
  if (area.kind === 'box') {
    const box = areaBounds5186(area);
    return { box, touches: (b) => boxesOverlap(b, box) };
  }
  const districts = await city.groundLayer('districts');
  if (!districts?.length) throw new BatchPlanError('the city build has no districts layer: give the area as west,south,east,north');
  const chosen =
    area.kind === 'seoul'
      ? districts
      : districts.filter((f) =>
          [f.properties?.['name'], f.properties?.['nameEn']].some((n) => typeof n === 'string' && n.toLowerCase() === area.name.toLowerCase()),
        );
  if (!chosen.length) {
    const names = districts.map((f) => `${String(f.properties?.['nameEn'])} (${String(f.properties?.['name'])})`);
    throw new BatchPlanError(`no gu named ${JSON.stringify(area.kind === 'gu' ? area.name : '')}; the build has ${names.join(', ')}`);
  }
  const polygons = polygonsOf(chosen);
  const xs = polygons.flatMap((p) => p[0].map((c) => c[0]));
  const ys = polygons.flatMap((p) => p[0].map((c) => c[1]));
  const box = { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
  return {
    box,
    touches: (b) => {
      if (!boxesOverlap(b, box)) return false;
      const square: Polygon = [
        [
          [b.minX, b.minY],
          [b.maxX, b.minY],
          [b.maxX, b.maxY],
          [b.minX, b.maxY],
          [b.minX, b.minY],
        ],
      ];
      return polygonClipping.intersection(square, polygons).length > 0;
    },
  };
}

export async function planBatch(options: PlanOptions): Promise<BatchRunSpec> {
  const now = options.now ?? new Date();
  const scenario = parseScenario(readFileSync(options.scenarioFile, 'utf8'), options.scenarioFile);
  const analysis = completeEntry(pickAnalysis(scenario.analyses, options.analysis), now);
  const city = openCityData(options.cityUrl);
  const manifest = await city.manifest();
  const model = surfaceModelOf(manifest);
  const { touches, box } = await areaTest(city, options.area);
  const tiles = tilesOfModel(model.tiles, touches);
  if (!tiles.length) throw new BatchPlanError('the area holds no tile of the city build’s surface model');
  const [lon, lat] = toWgs84(5186, (box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2);
  const sunSite: [number, number] = [lon, lat];
  const halo = tileHalo(analysis, analysis.type === 'sunHours' ? lowestSunElevation(analysis, sunSite) : undefined);
  if (!halo.ok) throw new BatchPlanError(halo.reason);
  const runId = options.runId ?? `${analysis.type}-${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-')}`;
  if (!BATCH_RUN_ID.test(runId)) throw new BatchPlanError(`run id ${JSON.stringify(runId)}: letters, digits, - and _ only`);
  return {
    runId,
    createdAt: now.toISOString(),
    scenario: { name: scenario.name, file: path.resolve(options.scenarioFile) },
    analysis,
    variant: options.variant ?? 'before',
    proposals: scenario.proposals,
    area: options.area,
    halo: halo.halo,
    sunSite,
    cityUrl: options.cityUrl,
    outDir: path.resolve(options.outDir, runId),
    tiles,
  };
}
