// Runs a scenario headless: every listed analysis before and after the proposals on the city build,
// writing each analysis's declared exports (GeoTIFF before/after/difference, CSV/GeoJSON tables),
// the proposals, the surface with them and summary.json into the output folder. Generic: the
// analyses are declared in common/analyses and run by their worker side (workers/analyses), the
// engines the app's workers run; this file only walks the list (areaAnalysis.ts runs one).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NodeIO, getBounds } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import type { AnalysisType } from '../common/analyses/analyses.js';
import type { CityManifest } from '../common/buildFormat.js';
import type { Scenario } from '../common/scenario/scenarioFormat.js';
import { rowsToGeoJson } from '../common/tableFormats.js';
import { closeCityData, openCityData } from '../workers/data/cityData.js';
import { cropGrid } from '../workers/grid/cropGrid.js';
import { gridToGeoTiff } from '../workers/grid/rasterGeoTiff.js';
import { AREA_MARGIN_M, areaBounds5186 } from '../workers/planning/analysisWindow.js';
import { applyProposals } from '../workers/planning/applyProposals.js';
import { toLonLat, type ModelBounds } from '../workers/planning/proposalGeometry.js';
import { createNodePool, type NodePool } from '../workers/pool/nodePool.js';
import type { AnalysisSummary } from './analysisSummary.js';
import { runAreaAnalysis } from './areaAnalysis.js';

export { AREA_MARGIN_M } from '../workers/planning/analysisWindow.js';
export { SPLIT_MIN_CELLS } from './areaAnalysis.js';
export type { AnalysisSummary } from './analysisSummary.js';

export interface RunScenarioOptions {
  cityDir: string;
  outDir: string;
  /** The scenario file's path: glTF proposals' relative uris resolve against its folder. */
  scenarioPath?: string;
  /** Run only the analyses of these types (their numbers in file names stay those of the file). */
  only?: AnalysisType[];
  log?: (line: string) => void;
  signal?: AbortSignal;
}

export interface ScenarioSummary {
  scenario: string;
  cityDir: string;
  /** The building areas the scenario's area overlaps. */
  dsmArea: string;
  /** The surface-model tiles its window was made from ("e_n"). */
  surfaceTiles: string[];
  /** The analysis window (EPSG:5186, upper-left corner and size in cells). */
  window: { originX: number; originY: number; width: number; height: number; cellSize: number };
  proposals: Array<{ id: string; base: number; top: number; cellsRaised: number }>;
  problems: string[];
  analyses: AnalysisSummary[];
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

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

async function manifestOf(read: () => Promise<CityManifest>): Promise<CityManifest> {
  try {
    return await read();
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}; build one with \`npm run build:city\` or pass --city DIR`, { cause: err });
  }
}

export async function runScenario(scenario: Scenario, options: RunScenarioOptions): Promise<ScenarioSummary> {
  const cityUrl = pathToFileURL(`${path.resolve(options.cityDir)}/`).href;
  // The analyses in this thread read the build through the same cache (workers/data), dropped at the end.
  const city = openCityData(cityUrl);
  try {
    return await run(scenario, options, cityUrl, await manifestOf(() => city.manifest()));
  } finally {
    closeCityData(cityUrl);
  }
}

async function run(scenario: Scenario, options: RunScenarioOptions, cityUrl: string, manifest: CityManifest): Promise<ScenarioSummary> {
  const log = options.log ?? (() => {});
  // The scenario's own window (area + margin): the proposals' bases, the summary and surface-after.tif.
  const win = await openCityData(cityUrl).surfaceWindow(areaBounds5186(scenario.area), AREA_MARGIN_M);
  await mkdir(options.outDir, { recursive: true });
  log(
    `area: ${win.grid.width} x ${win.grid.height} cells of ${win.grid.cellSize} m from surface-model tiles ${win.tiles.join(', ')} (area + ${AREA_MARGIN_M} m margin${win.areas.length ? `, in ${win.areas.join(', ')}` : ''})`,
  );
  const gltf = await gltfModelBounds(scenario, options.scenarioPath ? path.dirname(path.resolve(options.scenarioPath)) : process.cwd());
  const after = applyProposals({ dsm: win.grid, proposals: scenario.proposals, modelBounds: gltf.bounds });
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
  const b = win.bounds;
  await writeFile(path.join(options.outDir, 'surface-after.tif'), new Uint8Array(gridToGeoTiff(cropGrid(after.dsm, b.minX, b.minY, b.maxX, b.maxY)!)));

  const analyses: AnalysisSummary[] = [];
  const threads: { pool: NodePool | null } = { pool: null };
  const selected = scenario.analyses.map((entry, index) => ({ entry, index })).filter(({ entry }) => !options.only || options.only.includes(entry.type));
  try {
    for (const [n, { entry, index }] of selected.entries()) {
      log(
        `analysis ${index + 1}/${scenario.analyses.length}${selected.length < scenario.analyses.length ? ` (${n + 1} of ${selected.length} chosen)` : ''}: ${entry.type} (before and after)…`,
      );
      const summary = await runAreaAnalysis(entry, index, {
        cityUrl,
        manifest,
        area: scenario.area,
        proposals: scenario.proposals,
        modelBounds: gltf.bounds,
        outDir: options.outDir,
        prefix: `${index + 1}-${entry.type}`,
        pool: () => (threads.pool ??= createNodePool()),
        log,
        signal: options.signal,
      });
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
    dsmArea: win.areas.join(', '),
    surfaceTiles: win.tiles,
    window: { originX: win.grid.originX, originY: win.grid.originY, width: win.grid.width, height: win.grid.height, cellSize: win.grid.cellSize },
    proposals,
    problems,
    analyses,
  };
  await writeFile(path.join(options.outDir, 'summary.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
