// Fire coverage and hazard ranking for EVERY building of a build, against all 62,732 real
// hydrants, at two sizes (goal: 600,000 buildings under 2 s on a quiet machine):
// - real: all of Seoul's buildings as tiles/sources/seoul-all.json merges them (~165,000);
// - SYNTHETIC: the 600,000-building fixture (npm run fixture:city600k: real footprints tiled
//   across Seoul's extent; not Seoul).
// The footprints are the build's analysis/footprints.json: from a build named by
// VSEOUL_BENCH_SEOUL_BUILD / VSEOUL_BENCH_CITY600K_BUILD, else made once from the sources (the
// build's own model loading and footprint writer) and kept under .tmp/bench/fire/.
// The machine is shared, so every figure carries CPU seconds beside wall seconds and the load
// average at that moment; a run is the best of three by wall time, after a warm-up.
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FootprintsFile } from '../../common/buildFormat.js';
import { FOOTPRINTS_PATH, writeFootprints } from '../../tiles/layers/writeFootprints.js';
import { generateSyntheticCity, PROVENANCE_FILE } from '../../tiles/fixtures/generateCity.js';
import type { BuildLog } from '../../tiles/model/cityModel.js';
import { loadCityModel } from '../../tiles/model/loadCity.js';
import { aggregateGrid } from '../../workers/fire/aggregate.js';
import { buildHydrantIndex, computeCoverage } from '../../workers/fire/coverage.js';
import type { FootprintArrays } from '../../workers/fire/footprints.js';
import { rankHazard, useRisk } from '../../workers/fire/hazard.js';
import { zoneCode, zoneForUse } from '../../workers/fire/zoneRule.js';
import { DATA_DIR, realHydrants } from '../support/fireData.js';
import type { Bench, Figure } from './figures.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CACHE = path.join(REPO, '.tmp', 'bench', 'fire');
const FIXTURE = path.join(REPO, '.tmp', 'fixtures', 'city600k');
const quiet: BuildLog = { issue: () => {}, progress: () => {}, info: () => {} };

interface City {
  label: string;
  footprints: FootprintArrays;
  zones: Uint8Array;
  useRisk: Float32Array;
  heights: Float32Array;
  floors: Float32Array;
}

const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : -Infinity);

/**
 * The build's footprints file: from a given build, the cache (unless `sourceStamp`, a file of the
 * sources, is newer), or made now from the sources.
 */
async function footprintsFile(buildEnv: string, cacheName: string, sourceDir: string, sourcesConfig: string, sourceStamp?: string): Promise<FootprintsFile> {
  const given = process.env[buildEnv];
  const dir = given ? path.resolve(given) : path.join(CACHE, cacheName);
  const file = path.join(dir, FOOTPRINTS_PATH);
  if (!existsSync(file) || (!given && sourceStamp && mtime(sourceStamp) > mtime(file))) {
    if (given) throw new Error(`${buildEnv}=${given} has no ${FOOTPRINTS_PATH}`);
    console.log(`reading ${path.relative(REPO, sourcesConfig)} from ${sourceDir} for the footprints (once; kept in ${path.relative(REPO, dir)})`);
    const model = await loadCityModel({ sourceDir, sourcesConfig }, quiet);
    await writeFootprints(model.buildings, dir);
  }
  console.log(`footprints: ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as FootprintsFile;
}

function cityOf(label: string, f: FootprintsFile): City {
  return {
    label,
    footprints: { offsets: Uint32Array.from(f.offsets), lonLat: Float64Array.from(f.lonLat) },
    zones: Uint8Array.from(f.uses, (u) => zoneCode(zoneForUse(u))),
    useRisk: Float32Array.from(f.uses, useRisk),
    heights: Float32Array.from(f.heights),
    floors: Float32Array.from(f.floors),
  };
}

function firstBuildings(c: City, n: number): City {
  const offsets = c.footprints.offsets.slice(0, n + 1);
  return {
    ...c,
    footprints: { offsets, lonLat: c.footprints.lonLat.slice(0, 2 * offsets[n]) },
    zones: c.zones.slice(0, n),
    useRisk: c.useRisk.slice(0, n),
    heights: c.heights.slice(0, n),
    floors: c.floors.slice(0, n),
  };
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Hydrant index + coverage + hazard ranking, as the page runs them for every building. */
function coverageAndHazard(c: City, hydrants: Float64Array) {
  const w0 = performance.now();
  const c0 = cpuSeconds();
  const hydrantIndex = buildHydrantIndex(hydrants);
  const coverage = computeCoverage({ hydrants, hydrantIndex, buildings: c.footprints, zones: c.zones });
  const w1 = performance.now();
  const c1 = cpuSeconds();
  rankHazard({ buildings: c.footprints, height: c.heights, floors: c.floors, useRisk: c.useRisk, hydrantDistance: coverage.distance, limit: coverage.limit });
  const w2 = performance.now();
  const c2 = cpuSeconds();
  return {
    coverage,
    coverageWall: (w1 - w0) / 1000,
    coverageCpu: c1 - c0,
    hazardWall: (w2 - w1) / 1000,
    hazardCpu: c2 - c1,
    load: os.loadavg()[0],
  };
}

function measure(c: City, hydrants: Float64Array): Figure[] {
  const n = c.zones.length;
  coverageAndHazard(firstBuildings(c, Math.min(n, 20_000)), hydrants); // warm-up (JIT)
  const runs = [0, 1, 2].map(() => coverageAndHazard(c, hydrants));
  const best = runs.reduce((a, b) => (b.coverageWall + b.hazardWall < a.coverageWall + a.hazardWall ? b : a));
  const load = `load avg ${best.load.toFixed(2)} on ${os.cpus().length} cores`;
  const size = `${n.toLocaleString('en-US')} buildings (${c.label}) x ${(hydrants.length / 2).toLocaleString('en-US')} hydrants; ${load}`;
  const wall = best.coverageWall + best.hazardWall;
  const cpu = best.coverageCpu + best.hazardCpu;
  console.log(
    `${c.label}: ${n} buildings, coverage ${best.coverageWall.toFixed(3)} s wall / ${best.coverageCpu.toFixed(3)} s CPU, hazard ${best.hazardWall.toFixed(3)} s wall / ${best.hazardCpu.toFixed(3)} s CPU, ` +
      `${best.coverage.coveredCount} covered, ${best.coverage.gapCount} gaps; ${load}`,
  );
  return [
    { bench: 'fire', metric: 'coverage + hazard, every building: wall', value: wall, unit: 's', size },
    { bench: 'fire', metric: 'coverage + hazard, every building: CPU', value: cpu, unit: 's', size },
    { bench: 'fire', metric: 'nearest-hydrant coverage: wall', value: best.coverageWall, unit: 's', size },
    { bench: 'fire', metric: 'nearest-hydrant coverage: CPU', value: best.coverageCpu, unit: 's', size },
    { bench: 'fire', metric: 'hazard ranking: wall', value: best.hazardWall, unit: 's', size },
    { bench: 'fire', metric: 'hazard ranking: CPU', value: best.hazardCpu, unit: 's', size },
    { bench: 'fire', metric: 'buildings per second (wall)', value: n / wall, unit: '1/s', size },
  ];
}

export const fireBench: Bench = {
  name: 'fire',
  description:
    'hydrant coverage + hazard ranking of every building vs all real hydrants: real citywide buildings (seoul-all) and the SYNTHETIC 600,000-building fixture (not Seoul); grid aggregation',
  async run(): Promise<Figure[]> {
    const hydrants = realHydrants();
    const real = await footprintsFile('VSEOUL_BENCH_SEOUL_BUILD', 'seoul-all', DATA_DIR, path.join(REPO, 'tiles/sources/seoul-all.json'));
    const figures = measure(cityOf('real, all of Seoul: seoul-all.json', real), hydrants);

    if (
      !process.env.VSEOUL_BENCH_CITY600K_BUILD &&
      !existsSync(path.join(CACHE, 'city600k', FOOTPRINTS_PATH)) &&
      !existsSync(path.join(FIXTURE, PROVENANCE_FILE))
    ) {
      console.log(`generating the SYNTHETIC 600,000-building fixture in ${path.relative(REPO, FIXTURE)} (once)`);
      await generateSyntheticCity({ sourceDir: DATA_DIR, outDir: FIXTURE });
    }
    const synthetic = await footprintsFile(
      'VSEOUL_BENCH_CITY600K_BUILD',
      'city600k',
      FIXTURE,
      path.join(REPO, 'tiles/sources/synthetic-city600k.json'),
      path.join(FIXTURE, PROVENANCE_FILE),
    );
    figures.push(...measure(cityOf('SYNTHETIC: real footprints tiled, not Seoul', synthetic), hydrants));

    const t = performance.now();
    const agg = aggregateGrid({ points: hydrants, cellDegrees: 0.01 });
    figures.push({
      bench: 'fire',
      metric: 'grid aggregation of all hydrants (0.01 deg cells)',
      value: performance.now() - t,
      unit: 'ms',
      size: `${hydrants.length / 2} points -> ${agg.count.length} cells; load avg ${os.loadavg()[0].toFixed(2)}`,
    });
    return figures;
  },
};
