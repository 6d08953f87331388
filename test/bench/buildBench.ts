// Build benchmark: speed, tile bytes per building and peak memory of the city build.
//
// Sizes: the real sample (../shared/data, 1,358 OSM buildings), and 100,000 and 600,000 buildings
// made by TILING THE REAL FOOTPRINTS across a grid: synthetic copies, not Seoul's buildings.
// At scale the building-tileset stage and the surface-model tiles stage run (the tiles cover the
// ground the buildings spread over, so they grow with it); terrain and ground layers do not.
// Each measurement runs in its own child process so its peak memory (RSS) is its own.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCity } from '../../tiles/buildCity.js';
import type { Compression } from '../../tiles/gltf/encodeBuildingTile.js';
import type { BuildLog, CityBuilding } from '../../tiles/model/cityModel.js';
import { loadCityModel } from '../../tiles/model/loadCity.js';
import { writeSurfaceTiles } from '../../tiles/raster/writeSurfaceTiles.js';
import { writeBuildingTileset } from '../../tiles/tileset/writeTileset.js';
import type { Bench, Figure } from './figures.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const HERE = fileURLToPath(import.meta.url);
const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(path.dirname(HERE), '../../../shared/data');
const quiet: BuildLog = { issue: () => {}, progress: () => {}, info: () => {} };

interface ChildResult {
  buildings: number;
  seconds: number;
  tileBytes: number;
  tiles: number;
  peakRssMb: number;
  depth: number;
}

/** Copies of the real buildings laid out patch by patch on a grid (synthetic, labelled by id suffix). */
export function tileRealFootprints(real: CityBuilding[], count: number): CityBuilding[] {
  const groups = new Map<string, CityBuilding[]>();
  for (const b of real) {
    const k = b.area ?? 'all';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(b);
  }
  const patches = [...groups.values()].map((bs) => {
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity;
    for (const b of bs)
      for (const p of b.polygons)
        for (const [x, y] of p[0]) {
          w = Math.min(w, x);
          s = Math.min(s, y);
          e = Math.max(e, x);
          n = Math.max(n, y);
        }
    return { bs, w, s, e, n };
  });
  const cellLon = Math.max(...patches.map((p) => p.e - p.w)) + 0.001;
  const cellLat = Math.max(...patches.map((p) => p.n - p.s)) + 0.001;
  const perPatch = real.length / patches.length;
  const cols = Math.ceil(Math.sqrt(count / perPatch));
  const out: CityBuilding[] = [];
  // Grid anchored at the real Cheonggyecheon patch's south-west corner.
  const anchorLon = Math.min(...patches.map((p) => p.w)),
    anchorLat = Math.min(...patches.map((p) => p.s));
  for (let k = 0; out.length < count; k++) {
    const p = patches[k % patches.length];
    const dLon = anchorLon + (k % cols) * cellLon - p.w;
    const dLat = anchorLat + Math.floor(k / cols) * cellLat - p.s;
    for (const b of p.bs) {
      if (out.length >= count) break;
      out.push({
        ...b,
        id: `${b.id}#synthetic-copy-${k}`,
        polygons: b.polygons.map((poly) => poly.map((ring) => ring.map(([x, y]) => [x + dLon, y + dLat] as [number, number]))),
      });
    }
  }
  return out;
}

async function childTileset(size: number, compression: Compression): Promise<ChildResult> {
  const model = await loadCityModel({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE }, quiet);
  const buildings = size === model.buildings.length ? model.buildings : tileRealFootprints(model.buildings, size);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-bench-'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const t0 = performance.now();
    const s = await writeBuildingTileset(buildings, dir, quiet, { compression });
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    return { buildings: s.buildingsWritten, seconds, tileBytes: s.tileBytes, tiles: s.tileCount, peakRssMb: peak / 2 ** 20, depth: s.depth };
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function childSurface(size: number): Promise<ChildResult> {
  const model = await loadCityModel({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE }, quiet);
  const buildings = size === 0 ? model.buildings : tileRealFootprints(model.buildings, size);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-bench-'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const t0 = performance.now();
    const s = await writeSurfaceTiles({ buildings, elevation: model.elevation }, dir, quiet);
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    return { buildings: buildings.length, seconds, tileBytes: s.bytes, tiles: s.tiles.length, peakRssMb: peak / 2 ** 20, depth: 0 };
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function childFull(): Promise<ChildResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-bench-'));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const t0 = performance.now();
    const s = await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: path.join(dir, 'city-build') }, quiet);
    const seconds = (performance.now() - t0) / 1000;
    peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
    return { buildings: s.buildingsBuilt, seconds, tileBytes: s.tileBytes, tiles: s.tileCount, peakRssMb: peak / 2 ** 20, depth: 0 };
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', HERE, '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`bench child ${args.join(' ')} failed (exit ${code})`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

function figuresFor(metricPrefix: string, size: string, r: ChildResult): Figure[] {
  const f = (metric: string, value: number, unit: string): Figure => ({ bench: 'build', metric: `${metricPrefix}${metric}`, value, unit, size });
  return [
    f('seconds', r.seconds, 's'),
    f('buildings_per_second', r.buildings / r.seconds, 'buildings/s'),
    f('bytes_per_building', r.tileBytes / r.buildings, 'B'),
    f('tiles', r.tiles, 'tiles'),
    f('peak_rss', r.peakRssMb, 'MiB'),
  ];
}

export const buildBench: Bench = {
  name: 'build',
  description: 'city build speed, tile bytes per building, peak memory (real sample; 100k/600k = SYNTHETIC tilings of the real footprints, not Seoul)',
  async run() {
    const figures: Figure[] = [];
    const say = (s: string) => console.log(s);
    say(`source: ${SOURCE}; ${os.cpus().length} CPU cores`);

    say('full build (all stages: tiles, terrain, ground layers, surface model) on the real sample ...');
    const full = await runChild(['full']);
    figures.push(...figuresFor('full_build_', 'real 1,358', full));

    for (const c of ['quantized', 'meshopt'] as const) {
      say(`tileset stage, real sample, compression ${c} ...`);
      const r = await runChild(['tileset', '0', c]);
      figures.push({ bench: 'build', metric: `tileset_bytes_per_building_${c}`, value: r.tileBytes / r.buildings, unit: 'B', size: 'real 1,358' });
    }
    for (const size of [100_000, 600_000]) {
      say(`tileset stage, ${size.toLocaleString('en-US')} buildings = SYNTHETIC tiling of the real footprints on a grid (not Seoul) ...`);
      const r = await runChild(['tileset', String(size), 'meshopt']);
      say(
        `  ${r.buildings} buildings in ${r.seconds.toFixed(1)} s, ${r.tiles} tiles, depth ${r.depth}, ${(r.tileBytes / r.buildings).toFixed(0)} B/building, peak RSS ${r.peakRssMb.toFixed(0)} MiB`,
      );
      figures.push(...figuresFor('tileset_', `synthetic ${size.toLocaleString('en-US')} (tiled real footprints)`, r));
    }
    for (const size of [100_000, 600_000]) {
      say(`surface-model tiles stage, ${size.toLocaleString('en-US')} buildings = SYNTHETIC tiling of the real footprints (not Seoul) ...`);
      const r = await runChild(['surface', String(size)]);
      say(
        `  ${r.buildings} buildings in ${r.seconds.toFixed(1)} s, ${r.tiles} tiles of 1 km, ${(r.tileBytes / 1e6).toFixed(1)} MB, peak RSS ${r.peakRssMb.toFixed(0)} MiB`,
      );
      const f = (metric: string, value: number, unit: string): Figure => ({
        bench: 'build',
        metric: `surface_tiles_${metric}`,
        value,
        unit,
        size: `synthetic ${size.toLocaleString('en-US')} (tiled real footprints)`,
      });
      figures.push(f('seconds', r.seconds, 's'), f('tiles', r.tiles, 'tiles'), f('bytes', r.tileBytes, 'B'), f('peak_rss', r.peakRssMb, 'MiB'));
    }
    say('terrain and ground layers cover areas, not buildings: they are measured only in the full build above.');
    return figures;
  },
};

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === '--child') {
  const [mode, size, compression] = process.argv.slice(3);
  let r: ChildResult;
  if (mode === 'full') r = await childFull();
  else if (mode === 'surface') r = await childSurface(Number(size) || 0);
  else {
    const model = Number(size) || 0;
    r = await childTileset(
      model === 0 ? (await loadCityModel({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE }, quiet)).buildings.length : model,
      compression as Compression,
    );
  }
  console.log(`RESULT ${JSON.stringify(r)}`);
}
