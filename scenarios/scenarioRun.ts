// Runs a scenario headless: every listed analysis on the city's surface model before and after the
// proposals are applied, writing GeoTIFF rasters (before, after, difference), CSV/GeoJSON tables and
// summary.json into the output folder. The engines are the ones the app's workers run.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NodeIO, getBounds } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import { fromWgs84 } from '../common/crs.js';
import { cropGrid, differenceGrid, gridStats } from '../workers/grid/cropGrid.js';
import { gridToGeoTiff } from '../workers/grid/rasterGeoTiff.js';
import type { RasterGrid } from '../common/rasterGrid.js';
import { applyProposals, groundLevel, type ApplyProposalsResult } from '../workers/planning/applyProposals.js';
import { toLonLat, type ModelBounds } from '../workers/planning/proposalGeometry.js';
import { AREA_MARGIN_M, areaBounds5186 } from '../workers/planning/analysisWindow.js';
import { groundSunHours } from '../workers/sun/groundSunHours.js';
import { createNodePool, type NodePool } from '../workers/pool/nodePool.js';
import { windowPoint } from '../workers/view/targetShares.js';
import { computeViewshed, viewshedStats } from '../workers/view/viewshed.js';
import { rowsToGeoJson } from '../common/tableFormats.js';
import { openScenarioCity, type ScenarioCity } from './scenarioCity.js';
import type { AnalysisSummary, AreaWindow } from './analysisSummary.js';
import { DEFAULT_FLOOR_HEIGHT, type Scenario, type SunHoursAnalysis, type ViewshedAnalysis } from '../common/scenario/scenarioFormat.js';
import { runRightToLight, runTargetShares } from './scenarioBuildings.js';
import { footprintAt } from '../workers/planning/footprintLookup.js';

export { AREA_MARGIN_M } from '../workers/planning/analysisWindow.js';
export type { AnalysisSummary, AreaWindow } from './analysisSummary.js';

/** Ground grids at least this large are split across worker threads (measured: below it, thread start-up dominates). */
export const SPLIT_MIN_CELLS = 4_000_000;

export interface RunScenarioOptions {
  cityDir: string;
  outDir: string;
  /** The scenario file's path: glTF proposals' relative uris resolve against its folder. */
  scenarioPath?: string;
  log?: (line: string) => void;
}

export interface ScenarioSummary {
  scenario: string;
  cityDir: string;
  dsmArea: string;
  /** The analysis window (EPSG:5186, upper-left corner and size in cells). */
  window: { originX: number; originY: number; width: number; height: number; cellSize: number };
  proposals: Array<{ id: string; base: number; top: number; cellsRaised: number }>;
  problems: string[];
  analyses: AnalysisSummary[];
}

/** The surface-model window of a scenario area: the DSM holding its centre, cut to area + margin. */
export async function areaWindow(city: ScenarioCity, scenario: Scenario): Promise<AreaWindow> {
  const { minX, minY, maxX, maxY } = areaBounds5186(scenario.area);
  const cx = (minX + maxX) / 2,
    cy = (minY + maxY) / 2;
  const info = city.manifest.dsm.find(
    (d) => cx >= d.originX && cx < d.originX + d.width * d.cellSize && cy <= d.originY && cy > d.originY - d.height * d.cellSize,
  );
  if (!info)
    throw new Error(
      `scenario area (centre x ${cx.toFixed(0)}, y ${cy.toFixed(0)} EPSG:5186) lies outside every surface model of the build (${city.manifest.dsm.map((d) => d.area).join(', ')})`,
    );
  const dsm = await city.dsm(info);
  const surface = cropGrid(dsm, minX - AREA_MARGIN_M, minY - AREA_MARGIN_M, maxX + AREA_MARGIN_M, maxY + AREA_MARGIN_M)!;
  const problems: string[] = [];
  const dsmMaxX = info.originX + info.width * info.cellSize,
    dsmMinY = info.originY - info.height * info.cellSize;
  if (minX < info.originX || maxX > dsmMaxX || minY < dsmMinY || maxY > info.originY) {
    problems.push(`the scenario area reaches beyond the surface model "${info.area}": results cover only the part inside it`);
  }
  return {
    info,
    surface,
    minX: Math.max(minX, info.originX),
    minY: Math.max(minY, dsmMinY),
    maxX: Math.min(maxX, dsmMaxX),
    maxY: Math.min(maxY, info.originY),
    problems,
  };
}

/** Bounds of each glTF proposal's model, read from its file (relative to the scenario). */
export async function gltfModelBounds(scenario: Scenario, scenarioDir: string): Promise<{ bounds: Record<string, ModelBounds>; problems: string[] }> {
  const bounds: Record<string, ModelBounds> = {};
  const problems: string[] = [];
  const io = new NodeIO().registerExtensions(ALL_EXTENSIONS);
  for (const p of scenario.proposals) {
    if (p.kind !== 'gltf') continue;
    if (/^[a-z]+:/i.test(p.uri) && !p.uri.startsWith('file:')) {
      problems.push(`proposal ${p.id}: ${p.uri} is a URL; the runner reads models from files only: not applied`);
      continue;
    }
    const file = path.resolve(scenarioDir, p.uri.replace(/^file:\/\//, ''));
    try {
      const doc = await io.read(file);
      const scene = doc.getRoot().getDefaultScene() ?? doc.getRoot().listScenes()[0];
      if (!scene) throw new Error('no scene');
      const b = getBounds(scene);
      bounds[p.id] = { min: b.min as [number, number, number], max: b.max as [number, number, number] };
    } catch (err) {
      problems.push(`proposal ${p.id}: cannot read ${file} (${err instanceof Error ? err.message : String(err)}): not applied`);
    }
  }
  return { bounds, problems };
}

function minuteOf(hhmm: string | undefined): number | undefined {
  if (!hhmm) return undefined;
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function cropTo(win: AreaWindow, grid: RasterGrid): RasterGrid {
  return cropGrid(grid, win.minX, win.minY, win.maxX, win.maxY)!;
}

async function writeGrid(outDir: string, name: string, grid: RasterGrid, files: string[]): Promise<void> {
  await writeFile(path.join(outDir, name), new Uint8Array(gridToGeoTiff(grid)));
  files.push(name);
}

function countLoss(diff: RasterGrid, threshold: number): number {
  let n = 0;
  for (const v of diff.values) if (v !== diff.noData && v <= -threshold) n++;
  return n;
}

async function runSunHours(
  spec: SunHoursAnalysis,
  pool: () => NodePool,
  win: AreaWindow,
  after: ApplyProposalsResult,
  outDir: string,
  prefix: string,
  summary: AnalysisSummary,
): Promise<void> {
  const input = { date: spec.date, startMinute: minuteOf(spec.start) ?? 8 * 60, endMinute: minuteOf(spec.end) ?? 16 * 60, stepMinutes: spec.stepMinutes ?? 10 };
  // Large windows run as row bands across the cores (workers/pool; every band reads the whole window,
  // so shadows cross bands). Small ones run here: starting the worker threads costs more than it saves.
  const split = win.surface.width * win.surface.height >= SPLIT_MIN_CELLS;
  const run = (dsm: RasterGrid) => (split ? pool().runSplit('groundSunHours', { dsm, ...input }) : Promise.resolve(groundSunHours({ dsm, ...input })));
  const before = await run(win.surface);
  const afterHours = await run(after.dsm);
  const b = cropTo(win, before.hours),
    a = cropTo(win, afterHours.hours);
  const diff = differenceGrid(b, a);
  await writeGrid(outDir, `${prefix}-before.tif`, b, summary.files);
  await writeGrid(outDir, `${prefix}-after.tif`, a, summary.files);
  await writeGrid(outDir, `${prefix}-difference.tif`, diff, summary.files);
  const sb = gridStats(b),
    sa = gridStats(a),
    sd = gridStats(diff);
  Object.assign(summary.figures, {
    date: before.date,
    window: `${spec.start ?? '08:00'}-${spec.end ?? '16:00'} KST, ${input.stepMinutes} min steps`,
    cells: sb.cells,
    meanHoursBefore: round(sb.mean),
    meanHoursAfter: round(sa.mean),
    largestLossHours: round(-sd.min),
    cellsLosingAnyTime: countLoss(diff, 1e-6),
    cellsLosingOneHourOrMore: countLoss(diff, 1 - 1e-6),
  });
}

/** Orthometric eye height of a viewshed observer: floor mid-height, height above ground, or 1.5 m above the roof. */
export function observerHeight(spec: ViewshedAnalysis, surface: RasterGrid, x: number, y: number): { z: number; ground: number; roof: number } {
  const col = Math.floor((x - surface.originX) / surface.cellSize),
    row = Math.floor((surface.originY - y) / surface.cellSize);
  if (col < 0 || row < 0 || col >= surface.width || row >= surface.height) throw new Error('viewshed observer lies outside the scenario area');
  const roof = surface.values[row * surface.width + col];
  // Ground: as for proposals, the lowest surface near the building (applyProposals.ts).
  const ground = groundLevel(surface, [[x, y]]) ?? roof;
  const z = spec.rooftop
    ? roof + 1.5
    : spec.floor !== undefined
      ? ground + (spec.floor - 0.5) * DEFAULT_FLOOR_HEIGHT
      : ground + (spec.heightAboveGround ?? 1.5);
  return { z, ground, roof };
}

async function runViewshedPair(
  spec: ViewshedAnalysis,
  city: ScenarioCity,
  win: AreaWindow,
  after: ApplyProposalsResult,
  outDir: string,
  prefix: string,
  summary: AnalysisSummary,
): Promise<void> {
  let [x, y] = fromWgs84('EPSG:5186', spec.observer[0], spec.observer[1]);
  // A floor of a building is seen from its window: the facade point nearest the given point, one
  // cell outside the wall (as targetShares.ts does), not from inside the building.
  const footprints = spec.rooftop ? null : await city.footprints();
  const building = footprints ? footprintAt(footprints, x, y) : null;
  if (building) ({ x, y } = windowPoint(building.ring, win.surface.cellSize, { x, y }));
  const { z } = observerHeight(spec, win.surface, x, y);
  const radius = spec.radius ?? 1000;
  const before = computeViewshed({ dsm: win.surface, observer: { x, y, absoluteHeight: z }, radius });
  const afterV = computeViewshed({ dsm: after.dsm, observer: { x, y, absoluteHeight: z }, radius });
  await writeGrid(outDir, `${prefix}-before.tif`, before.visibility, summary.files);
  await writeGrid(outDir, `${prefix}-after.tif`, afterV.visibility, summary.files);
  await writeGrid(outDir, `${prefix}-difference.tif`, differenceGrid(before.visibility, afterV.visibility), summary.files);
  const sb = viewshedStats(before.visibility),
    sa = viewshedStats(afterV.visibility);
  Object.assign(summary.figures, {
    observer: `${building ? `window of ${building.id}` : 'point'} at x ${x.toFixed(1)}, y ${y.toFixed(1)}`,
    observerZ: round(z),
    radius,
    visibleCellsBefore: sb.visible,
    visibleCellsAfter: sa.visible,
    inRangeCells: sb.inRange,
  });
}

function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioSummary> {
  const log = options.log ?? (() => {});
  const city = await openScenarioCity(options.cityDir);
  const win = await areaWindow(city, scenario);
  await mkdir(options.outDir, { recursive: true });
  log(
    `area: ${win.surface.width} x ${win.surface.height} cells of ${win.surface.cellSize} m from surface model "${win.info.area}" (area + ${AREA_MARGIN_M} m margin)`,
  );
  const gltf = await gltfModelBounds(scenario, options.scenarioPath ? path.dirname(path.resolve(options.scenarioPath)) : process.cwd());
  const after = applyProposals({ dsm: win.surface, proposals: scenario.proposals, modelBounds: gltf.bounds });
  const problems = [...win.problems, ...gltf.problems, ...after.problems];
  for (const p of problems) log(`problem: ${p}`);
  const proposals = after.prisms.map((p) => ({ id: p.id ?? '', base: round(p.base), top: round(p.top), cellsRaised: after.cellsRaised[p.id ?? ''] ?? 0 }));
  for (const p of proposals) log(`proposal ${p.id}: base ${p.base} m, top ${p.top} m (orthometric), ${p.cellsRaised} cells`);
  await writeFile(
    path.join(options.outDir, 'proposals.geojson'),
    rowsToGeoJson(
      after.prisms.map((p) => ({
        geometry: { type: 'Polygon', coordinates: [[...p.ring, p.ring[0]].map((xy) => toLonLat(xy))] },
        properties: { id: p.id, base: p.base, top: p.top },
      })),
    ),
  );
  await writeGrid(options.outDir, 'surface-after.tif', cropTo(win, after.dsm), []);

  const analyses: AnalysisSummary[] = [];
  const threads: { pool: NodePool | null } = { pool: null };
  const pool = () => (threads.pool ??= createNodePool());
  try {
    for (const [index, spec] of scenario.analyses.entries()) {
      const started = performance.now();
      const summary: AnalysisSummary = { type: spec.type, index, files: [], figures: {}, problems: [], seconds: 0 };
      const prefix = `${index + 1}-${spec.type}`;
      log(`analysis ${index + 1}/${scenario.analyses.length}: ${spec.type} (before and after)…`);
      try {
        if (spec.type === 'sunHours') await runSunHours(spec, pool, win, after, options.outDir, prefix, summary);
        else if (spec.type === 'viewshed') {
          await runViewshedPair(spec, city, win, after, options.outDir, prefix, summary);
          await runTargetShares(spec, city, win, after, options.outDir, prefix, summary);
        } else if (spec.type === 'rightToLight') await runRightToLight(spec, scenario, city, win, after, options.outDir, prefix, summary);
      } catch (err) {
        summary.problems.push(err instanceof Error ? err.message : String(err));
      }
      summary.seconds = round((performance.now() - started) / 1000, 1);
      for (const p of summary.problems) log(`  problem: ${p}`);
      log(
        `  ${Object.entries(summary.figures)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} (${summary.seconds} s)`,
      );
      analyses.push(summary);
    }
  } finally {
    await threads.pool?.close();
  }
  const result: ScenarioSummary = {
    scenario: scenario.name,
    cityDir: options.cityDir,
    dsmArea: win.info.area,
    window: {
      originX: win.surface.originX,
      originY: win.surface.originY,
      width: win.surface.width,
      height: win.surface.height,
      cellSize: win.surface.cellSize,
    },
    proposals,
    problems,
    analyses,
  };
  await writeFile(path.join(options.outDir, 'summary.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
