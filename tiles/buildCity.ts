// The city build: source data -> a complete, self-contained build folder (layout: buildFormat.ts).
//
// Atomic: everything is written into a sibling temp folder (<out>.tmp-<pid>) and swapped in with
// two renames only when it is complete, so an interrupted or failing build leaves the previous
// build untouched. Leftovers of a killed run are removed (or, if the kill hit between the two
// renames, the previous build is restored) at the start of the next run.
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BUILD_FORMAT_VERSION,
  BUILD_PATHS,
  type BuildSummary,
  type CityManifest,
  type DsmRasterInfo,
  type GroundLayerInfo,
  type HeightSource,
  type SurfaceModelInfo,
} from '../common/buildFormat.js';
import type { BuildIssue, BuildLog, CityBuilding, CityModel } from './model/cityModel.js';
import { loadCityModel } from './model/loadCity.js';
import { applyCitizenEdits, readCitizenEdits, type CitizenEditReport } from './model/citizenEdits.js';
import { writeGroundLayers, type GroundLayersOptions } from './layers/writeGroundLayers.js';
import { writeFireLayers } from './layers/writeFireLayers.js';
import { writeSensorSites } from './layers/writeSensorSites.js';
import { writeFootprints } from './layers/writeFootprints.js';
import { writeBuildingOverview, type BuildingOverviewOptions } from './layers/writeBuildingOverview.js';
import { writeAreaRasters } from './raster/writeAreaRasters.js';
import { writeSurfaceTiles } from './raster/writeSurfaceTiles.js';
import { writeBuildingTileset, type WriteTilesetOptions } from './tileset/writeTileset.js';
import { writeHeightmapTerrain, type TerrainOptions } from './terrain/writeHeightmapTerrain.js';

export interface BuildCityOptions {
  sourceDir: string;
  outDir: string;
  sourcesConfig?: string;
  /**
   * Leave out the surface model (tiles and per-area rasters). Says so in the log and the report; the
   * analyses that need it then report no surface model.
   */
  skipSurfaceModel?: boolean;
  /**
   * The wiki store (SQLite file) whose approved building edits the build applies last, over every
   * source (tiles/model/citizenEdits.ts); absent: none. The CLI passes the app's wiki store.
   */
  wikiStore?: string;
  /** Tuning for tests and benchmarks. */
  tileset?: WriteTilesetOptions;
  terrain?: TerrainOptions;
  groundLayers?: GroundLayersOptions;
  /** The building overview for far views (default: drawn); null leaves it out. */
  buildingOverview?: BuildingOverviewOptions | null;
}

/** Thrown when nothing usable could be built (the previous build, if any, is kept). */
export class BuildFailedError extends Error {}

const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL 1.0)';
const SRTM_ATTRIBUTION = 'SRTM data courtesy of the U.S. Geological Survey (NASA SRTMGL1, via Mapzen/Tilezen)';

export async function buildCity(opts: BuildCityOptions, log: BuildLog): Promise<BuildSummary> {
  const started = performance.now();
  const outDir = path.resolve(opts.outDir);
  const sourceDir = path.resolve(opts.sourceDir);
  await recoverAndClean(outDir, log);
  await assertReplaceable(outDir);

  const issues: BuildIssue[] = [];
  const collecting: BuildLog = {
    issue: (i) => {
      issues.push(i);
      log.issue(i);
    },
    progress: (s, d, t) => log.progress(s, d, t),
    info: (m) => log.info(m),
  };

  const tmp = `${outDir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    const model = await loadCityModel({ sourceDir, sourcesConfig: opts.sourcesConfig }, collecting);
    if (model.buildings.length === 0) throw new BuildFailedError(`no buildings could be read from ${sourceDir}`);
    const citizenEdits = opts.wikiStore ? applyStoredEdits(model, path.resolve(opts.wikiStore), collecting) : null;

    const tilesDir = path.join(tmp, path.dirname(BUILD_PATHS.tileset));
    const tiles = await writeBuildingTileset(model.buildings, tilesDir, collecting, opts.tileset);
    if (tiles.buildingsWritten === 0) throw new BuildFailedError('no building produced any geometry');
    const droppedIds = new Set(tiles.dropped.map((b) => b.id));
    const built = model.buildings.filter((b) => !droppedIds.has(b.id));
    const bbox = bboxOf(built);

    const layers = (await optionalStage('ground layers', collecting, () => writeGroundLayers(sourceDir, tmp, collecting, opts.groundLayers))) ?? [];
    // The city: the district boundaries' box (the buildings may cover a part only), with the buildings.
    const districts = layers.find((l) => l.id === 'districts')?.bbox;
    const extent = districts ? unionBox(districts, bbox) : bbox;
    const terrain = await optionalStage('terrain', collecting, async () => {
      const written = await writeHeightmapTerrain(model.elevation, { city: extent, buildings: bbox }, path.join(tmp, BUILD_PATHS.terrainRoot), collecting, {
        attribution: elevationAttributions(model).join('; '),
        ...opts.terrain,
      });
      collecting.info(
        `terrain: ${written.tileCount} tiles, ${(written.bytes / 1e6).toFixed(1)} MB in ${written.seconds.toFixed(1)} s (levels 0-${written.cityLevel} over the city, to ${written.maxLevel} around the buildings and measured grids)`,
      );
      return written;
    });
    let dsm: DsmRasterInfo[] = [];
    let surface: SurfaceModelInfo | null = null;
    let surfaceSeconds = 0;
    if (opts.skipSurfaceModel) {
      collecting.issue({
        file: '*',
        featureId: '*',
        problem: 'surface model stage skipped (--skip-surface-model): no surface/ tiles or dsm/ rasters in this build',
        action: 'note',
      });
    } else {
      const t0 = performance.now();
      const written = await optionalStage('surface model', collecting, () => writeSurfaceTiles(model, tmp, collecting));
      surfaceSeconds = (performance.now() - t0) / 1000;
      if (written) dsm = (await optionalStage('per-area surface rasters', collecting, () => writeAreaRasters(written, tmp, collecting))) ?? [];
      surface = written;
    }
    const pointLayers = (await optionalStage('fire layers', collecting, () => writeFireLayers(sourceDir, tmp, collecting))) ?? [];
    pointLayers.push(...((await optionalStage('sensor sites', collecting, () => writeSensorSites(sourceDir, tmp, collecting))) ?? []));
    const footprints = await optionalStage('footprints', collecting, () => writeFootprints(built, tmp));
    const overviewOptions = opts.buildingOverview;
    const buildingOverview =
      overviewOptions === null
        ? null
        : await optionalStage('building overview', collecting, async () => {
            const t0 = performance.now();
            const written = await writeBuildingOverview(built, tmp, overviewOptions);
            collecting.info(
              `building overview: ${written.tileCount} imagery tiles (levels 0-${written.maxLevel}), ${(written.bytes / 1e6).toFixed(1)} MB, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
            );
            return written;
          });

    const heightSources: Record<HeightSource, number> = { measured: 0, floors: 0, 'default-by-use': 0, 'citizen-edit': 0 };
    for (const b of built) heightSources[b.heightSource]++;
    const summary: BuildSummary = {
      buildingsBuilt: tiles.buildingsWritten,
      buildingsRepaired: model.repaired,
      buildingsSkipped: model.skipped + tiles.dropped.length,
      buildingsMerged: model.merged,
      heightSources,
      ...(citizenEdits ? { citizenEdits: { applied: citizenEdits.applied, missing: citizenEdits.missing.length } } : {}),
      tileCount: tiles.tileCount,
      tileBytes: tiles.tileBytes,
      ...(surface ? { surface: { tiles: surface.tiles.length, bytes: surface.bytes, seconds: Math.round(surfaceSeconds * 100) / 100 } } : {}),
      seconds: 0,
    };
    const manifest: CityManifest = {
      formatVersion: BUILD_FORMAT_VERSION,
      builtAt: new Date().toISOString(),
      sourceDir,
      home: homeView(built, model),
      bbox,
      extent,
      tileset: BUILD_PATHS.tileset,
      terrain: terrain
        ? {
            path: BUILD_PATHS.terrainRoot,
            format: 'heightmap-1.0',
            geoidOffsetApplied: true,
            note: `Levels 0-${terrain.cityLevel} over the whole city, up to ${terrain.maxLevel} around the buildings and the measured grids; heights above the WGS84 ellipsoid (grid heights above mean sea level + EGM96 geoid undulation). Outside the measured grids the ground is an assumption, not a measurement.`,
          }
        : null,
      layers: layers as GroundLayerInfo[],
      dsm,
      ...(surface ? { surface } : {}),
      attributions: [...attributionsFor(model, layers as GroundLayerInfo[]), ...new Set(pointLayers.map((l) => l.attribution))],
      summary,
      pointLayers,
      ...(footprints ? { footprints } : {}),
      ...(buildingOverview ? { buildingOverview } : {}),
      ...(citizenEdits ? { citizenEdits: { store: citizenEdits.store, buildings: citizenEdits.buildings } } : {}),
    };
    summary.seconds = Math.round((performance.now() - started) / 10) / 100;
    await writeFile(
      path.join(tmp, BUILD_PATHS.report),
      JSON.stringify(
        { builtAt: manifest.builtAt, sourceDir, summary, ...(model.merge ? { merge: model.merge } : {}), ...(citizenEdits ? { citizenEdits } : {}), issues },
        null,
        1,
      ),
    );
    // The manifest goes last: a folder with a manifest is a complete build.
    await writeFile(path.join(tmp, BUILD_PATHS.manifest), JSON.stringify(manifest, null, 2));
    await swapIn(tmp, outDir);
    return summary;
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** Applies the wiki store's building edits to the model; null when there is no readable store (said in one line). */
function applyStoredEdits(model: CityModel, store: string, log: BuildLog): CitizenEditReport | null {
  const edits = readCitizenEdits(store, log);
  if (!edits) return null;
  const applied = applyCitizenEdits(model.buildings, edits, store, log);
  model.buildings = applied.buildings;
  return applied.report;
}

/** Runs a stage whose failure should not sink the whole build; the failure becomes an issue. */
async function optionalStage<T>(name: string, log: BuildLog, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (err) {
    log.issue({ file: '*', featureId: '*', problem: `${name} stage failed: ${(err as Error).message}`, action: 'file-skipped' });
    return null;
  }
}

function unionBox(a: [number, number, number, number], b: [number, number, number, number]): [number, number, number, number] {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** Credits of the elevation grids used: the sources config's, else SRTM's for the SRTM grid JSONs. */
function elevationAttributions(model: CityModel): string[] {
  return [...new Set(model.elevation.grids.flatMap((g) => g.attribution ?? (/srtm/i.test(g.source) ? SRTM_ATTRIBUTION : [])))];
}

function bboxOf(buildings: CityBuilding[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const bd of buildings)
    for (const poly of bd.polygons)
      for (const [x, y] of poly[0] ?? []) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
  return b;
}

/**
 * The start view: from the south over Seoul City Hall towards Gwanghwamun and Cheonggyecheon,
 * when City Hall is in the data; otherwise the same kind of view over the buildings' centre.
 */
function homeView(buildings: CityBuilding[], model: CityModel): CityManifest['home'] {
  const cityHall = buildings.find((b) => b.name === '서울특별시청');
  let lon: number, lat: number;
  if (cityHall) {
    const ring = cityHall.polygons[0][0];
    lon = ring.reduce((s, p) => s + p[0], 0) / ring.length;
    lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
    // Aim ~350 m north-east of City Hall: the middle of the Cheonggyecheon / Gwanghwamun blocks.
    lon += 0.002;
    lat += 0.003;
  } else {
    const [w, s, e, n] = bboxOf(buildings);
    lon = (w + e) / 2;
    lat = (s + n) / 2;
  }
  // Camera ~900 m south (slightly west) of the target, 450 m above it, heading 8 degrees and pitched
  // down 27 degrees (450 m / tan 27 = 880 m): the target is mid-screen.
  const ground = model.elevation.ellipsoidHeightAt(lon, lat);
  return { lon: round6(lon - 0.0014), lat: round6(lat - 0.0081), height: Math.round(ground + 450), heading: 8, pitch: -27 };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

function attributionsFor(model: CityModel, layers: GroundLayerInfo[]): string[] {
  const out = new Set<string>();
  if (model.sourceFiles.some((f) => /osm/i.test(f))) out.add(OSM_ATTRIBUTION);
  for (const a of model.attributions) out.add(a);
  for (const a of elevationAttributions(model)) out.add(a);
  for (const l of layers) if (l.attribution) out.add(l.attribution);
  return [...out];
}

// ---- atomic replacement ----

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Removes temp/old folders of dead runs; restores the previous build if a run died mid-swap. */
async function recoverAndClean(outDir: string, log: BuildLog): Promise<void> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    await mkdir(parent, { recursive: true });
    return;
  }
  const leftovers = entries
    .map((name) => ({ name, m: name.startsWith(`${base}.`) ? /^\.(tmp|old)-(\d+)$/.exec(name.slice(base.length)) : null }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null && !isAlive(Number(e.m[2])));
  for (const { name, m } of leftovers) {
    const full = path.join(parent, name);
    if (m[1] === 'old' && !(await exists(outDir)) && (await exists(path.join(full, BUILD_PATHS.manifest)))) {
      await rename(full, outDir);
      log.info(`restored the previous build from ${name} (an earlier run stopped mid-swap)`);
      continue;
    }
    await rm(full, { recursive: true, force: true });
    log.info(`removed ${name} left by an interrupted build`);
  }
}

/** Refuses to replace a folder that is neither empty nor a city build (never delete user data). */
async function assertReplaceable(outDir: string): Promise<void> {
  if (!(await exists(outDir))) return;
  const entries = await readdir(outDir);
  if (entries.length === 0 || entries.includes(BUILD_PATHS.manifest)) return;
  throw new BuildFailedError(`${outDir} exists and is not a city build (no ${BUILD_PATHS.manifest}); refusing to replace it`);
}

async function swapIn(tmp: string, outDir: string): Promise<void> {
  const old = `${outDir}.old-${process.pid}`;
  const hadOld = await exists(outDir);
  if (hadOld) await rename(outDir, old);
  await rename(tmp, outDir);
  if (hadOld) await rm(old, { recursive: true, force: true });
}
