// npm run bench -- city: the scale proof. The SYNTHETIC 600,000-building city (npm run
// fixture:city600k: real footprints tiled across Seoul's extent, in the national layer's form; NOT
// Seoul) is built end to end as users build (readers, merge, heights, tiles, terrain, ground
// layers, surface-model tiles, fire layers, footprints), served by the project's own host on
// loopback and opened in headless Chromium at the city-wide view and at street views where City
// Hall, Gangnam Station and Yeouido are in Seoul (the buildings there are synthetic copies).
// Goals: build under 3 min and 6 GB peak; city-wide view under 150 MB of tile content, renderer
// under 1.5 GB; street views with every on-screen building within 500 m drawn.
// The fixture: $VSEOUL_BENCH_CITY_FIXTURE, else .tmp/fixtures/city600k (generated there once).
// VSEOUL_BENCH_CITY_BUILD=<folder> measures an existing build instead of building (the build
// figures are then left out; the last build stays in .tmp/bench/city/city-build). Screenshots:
// bench-results/city/<view>.png. No figure is asserted: goals are printed beside the figures.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { bundleRenderer } from '../../build/bundleRenderer.js';
import type { FootprintsFile } from '../../common/buildFormat.js';
import { startHostServer } from '../../main/host/httpServer.js';
import { generateSyntheticCity, PROVENANCE_FILE } from '../../tiles/fixtures/generateCity.js';
import { FOOTPRINTS_PATH } from '../../tiles/layers/writeFootprints.js';
import { loadElevationModel } from '../../tiles/model/elevation.js';
import { expandPath } from '../../tiles/model/loadCity.js';
import { HEADLESS_CHROMIUM_ARGS } from '../support/chromiumArgs.js';
import { DATA_DIR } from '../support/fireData.js';
import { runCityBuild, type BuildRun } from './cityBuildRun.js';
import { measureView, SETTLE_TIMEOUT_MS, type Camera, type ViewResult, type ViewSpec } from './cityViews.js';
import type { Bench, Figure } from './figures.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = path.resolve(process.env.VSEOUL_BENCH_CITY_FIXTURE ?? path.join(REPO, '.tmp', 'fixtures', 'city600k'));
const SOURCES_CONFIG = path.join(REPO, 'tiles/sources/synthetic-city600k.json');
const WORK = path.join(REPO, '.tmp', 'bench', 'city');
const SHOTS = path.join(REPO, 'bench-results', 'city');
const SIZE = '600,000 buildings (SYNTHETIC fixture, not Seoul)';
const MB = 1e6;
const STREET_RADIUS_M = 500;
const SETTLE_LIMIT_S = SETTLE_TIMEOUT_MS / 1000;
const PARTS = ['buildings', 'ground', 'globe'];

/** Street-level cameras: 40 m above the ground, looking along the street, where these places are in Seoul. */
const STREETS: Array<{ id: string; label: string; lon: number; lat: number; heading: number }> = [
  { id: 'street-city-hall', label: "street view at City Hall's place (Sejong-daero, looking north)", lon: 126.9779, lat: 37.5648, heading: 0 },
  { id: 'street-gangnam-station', label: "street view at Gangnam Station's place (Gangnam-daero, looking north)", lon: 127.0276, lat: 37.4962, heading: 350 },
  { id: 'street-yeouido', label: "street view at Yeouido's place (looking north-east)", lon: 126.9222, lat: 37.5226, heading: 45 },
];
const EYE_ABOVE_GROUND_M = 40;

async function views(): Promise<ViewSpec[]> {
  const elevation = await loadElevationModel(await expandPath(DATA_DIR, 'terrain/*_srtm30_grid.json'), {
    issue: () => {},
    progress: () => {},
    info: () => {},
  });
  const camera = (s: (typeof STREETS)[number]): Camera => ({
    lon: s.lon,
    lat: s.lat,
    height: Math.round(elevation.ellipsoidHeightAt(s.lon, s.lat) + EYE_ABOVE_GROUND_M),
    heading: s.heading,
    pitch: -12,
  });
  return [
    { id: 'city-wide', label: 'city-wide view (?view=126.76,37.42,127.21,37.71)', view: [126.76, 37.42, 127.21, 37.71] },
    ...STREETS.map((s) => ({ id: s.id, label: s.label, camera: camera(s), fullDetailM: STREET_RADIUS_M })),
  ];
}

const loads = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');

function buildFigures(b: BuildRun): Figure[] {
  const size = `${SIZE}; load avg (1/5/15 min) before ${loads(b.loadBefore)}, after ${loads(b.loadAfter)} on ${os.cpus().length} cores`;
  const f = (metric: string, value: number, unit: string): Figure => ({ bench: 'city', metric, value, unit, size });
  return [
    f('build: wall time (goal < 180 s)', b.wallSeconds, 's'),
    ...(b.cpuSeconds === null ? [] : [f('build: CPU time (user + system)', b.cpuSeconds, 's')]),
    f('build: peak resident memory of the build process (goal < 6 GB)', b.peakRssMb, 'MiB'),
    f('build: on disk', b.diskMb, 'MB'),
    ...b.stages.map((s) => f(`build stage: ${s.name}`, s.seconds, 's')),
  ];
}

function viewFigures(r: ViewResult): Figure[] {
  const size = `${SIZE}, ${r.spec.label}; load avg ${r.load.toFixed(2)} on ${os.cpus().length} cores`;
  const f = (metric: string, value: number, unit: string): Figure => ({ bench: 'city', metric: `${r.spec.id}: ${metric}`, value, unit, size });
  const tiles = r.requests['building tiles'] ?? { count: 0, bytes: 0 };
  const city = Object.entries(r.requests).filter(([k]) => k !== 'app + Cesium');
  const out = [
    f(`time to a settled frame (NaN: not within ${SETTLE_LIMIT_S} s)`, r.settleSeconds, 's'),
    ...PARTS.map((p) => f(`time until the ${p} had every tile (NaN: still loading)`, r.partsLoadedAt[p] ?? NaN, 's')),
    f('frames drawn until then (on demand)', r.frames, 'frames'),
    f('building tile requests', tiles.count, 'requests'),
    f('building tile bytes', tiles.bytes / MB, 'MB'),
    f(
      'city requests (tiles, terrain, layers, other)',
      city.reduce((s, [, v]) => s + v.count, 0),
      'requests',
    ),
    f('city bytes (tiles, terrain, layers, other; goal city-wide < 150 MB)', city.reduce((s, [, v]) => s + v.bytes, 0) / MB, 'MB'),
    f('app + Cesium bytes', (r.requests['app + Cesium']?.bytes ?? 0) / MB, 'MB'),
    f('building tiles drawn', r.drawn.tiles, 'tiles'),
    f('building triangles drawn', r.drawn.triangles, 'triangles'),
    f('buildings drawn', r.drawn.buildings, 'buildings'),
    f('building tiles loaded (GPU bytes)', r.drawn.loadedBytes / MB, 'MB'),
    f('JS heap after GC', r.jsHeapMb, 'MiB'),
    f('renderer process PSS (goal < 1.5 GB)', r.rendererMb, 'MiB'),
    f('GPU process PSS (SwiftShader WebGL)', r.gpuMb, 'MiB'),
    f('browser process tree PSS', r.browserTreeMb, 'MiB'),
  ];
  if (r.nearby)
    out.push(f(`on-screen buildings within ${STREET_RADIUS_M} m drawn (goal: all)`, r.nearby.onScreen ? (100 * r.nearby.drawn) / r.nearby.onScreen : 100, '%'));
  return out;
}

async function ensureFixture(): Promise<void> {
  if (existsSync(path.join(FIXTURE, PROVENANCE_FILE))) return;
  console.log(`generating the SYNTHETIC 600,000-building fixture in ${path.relative(REPO, FIXTURE)} (once)`);
  await generateSyntheticCity({ sourceDir: DATA_DIR, outDir: FIXTURE });
}

export const cityBench: Bench = {
  name: 'city',
  description:
    'scale proof: the SYNTHETIC 600,000-building city (real footprints tiled; not Seoul) built end to end, served by the host, opened in headless Chromium at the city-wide view and three street views',
  async run(): Promise<Figure[]> {
    const figures: Figure[] = [];
    let cityDir = process.env.VSEOUL_BENCH_CITY_BUILD ? path.resolve(process.env.VSEOUL_BENCH_CITY_BUILD) : '';
    if (!cityDir) {
      await ensureFixture();
      cityDir = path.join(WORK, 'city-build');
      mkdirSync(WORK, { recursive: true });
      const logFile = path.join(WORK, 'build.log');
      writeFileSync(logFile, '');
      console.log(
        `building ${path.relative(REPO, FIXTURE)} with ${path.relative(REPO, SOURCES_CONFIG)} into ${path.relative(REPO, cityDir)} (log: ${path.relative(REPO, logFile)}) ...`,
      );
      const build = await runCityBuild({
        sourceDir: FIXTURE,
        sourcesConfig: SOURCES_CONFIG,
        outDir: cityDir,
        logFile: (l) => appendFileSync(logFile, `${l}\n`),
      });
      console.log(build.summary.join('\n'));
      console.log(`stages: ${build.stages.map((s) => `${s.name} ${s.seconds.toFixed(1)} s`).join(', ')}`);
      figures.push(...buildFigures(build));
    }

    const footprints = JSON.parse(readFileSync(path.join(cityDir, FOOTPRINTS_PATH), 'utf8')) as FootprintsFile;
    const bundle = await bundleRenderer();
    const server = await startHostServer({
      rendererDir: bundle.outDir,
      cesiumDir: path.join(REPO, 'node_modules', 'cesium', 'Build', 'Cesium'),
      cityDir,
      onError: (line) => console.error(`[host] ${line}`),
    });
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    try {
      for (const spec of await views()) {
        console.log(`\n${spec.label} ...`);
        // A fresh browser per view: its memory and its software-WebGL GPU process are the view's own.
        const browser = await chromium.launch({ executablePath: process.env.VSEOUL_CHROMIUM ?? '/usr/bin/chromium', args: HEADLESS_CHROMIUM_ARGS });
        const r = await measureView(browser, server.url, spec, footprints, path.join(SHOTS, `${spec.id}.png`)).finally(() => browser.close());
        const tiles = r.requests['building tiles'];
        console.log(
          `  ${Number.isNaN(r.settleSeconds) ? `NOT settled after ${SETTLE_LIMIT_S} s` : `settled in ${r.settleSeconds.toFixed(1)} s`} (${PARTS.map((p) => `${p} ${r.partsLoadedAt[p]?.toFixed(0) ?? '-'} s`).join(', ')}); ${r.frames} frames; ${tiles?.count ?? 0} building tile requests, ${((tiles?.bytes ?? 0) / MB).toFixed(1)} MB; ` +
            `${r.drawn.tiles} tiles / ${r.drawn.buildings} buildings / ${r.drawn.triangles} triangles drawn; JS heap ${r.jsHeapMb.toFixed(0)} MiB; ` +
            `renderer ${r.rendererMb.toFixed(0)} MiB, GPU process ${r.gpuMb.toFixed(0)} MiB` +
            (r.nearby ? `; within ${STREET_RADIUS_M} m: ${r.nearby.drawn} of ${r.nearby.onScreen} on-screen buildings drawn` : '') +
            `; load avg ${r.load.toFixed(2)}`,
        );
        if (r.nearby?.missing.length) console.log(`  not drawn (first 10): ${r.nearby.missing.join(', ')}`);
        if (r.errors.length) console.log(`  page errors: ${r.errors.join(' | ')}`);
        figures.push(...viewFigures(r));
      }
    } finally {
      await server.close();
    }
    console.log(`\nscreenshots: ${path.relative(REPO, SHOTS)}/*.png`);
    return figures;
  },
};
