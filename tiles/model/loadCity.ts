// Source files -> city model: reads every configured building source, repairs footprints, decides
// heights, and sets each building on the terrain.
import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { buildingReaderFor, unusedReaderOptions } from '../readers/registry.js';
import type { RawFeature, ReadResult } from '../readers/types.js';
import type { BuildLog, CityBuilding, CityModel, ElevationModel, PolygonRings } from './cityModel.js';
import { loadElevationModel } from './elevation.js';
import { decideHeight } from './heights.js';
import { repairFeature } from './repair.js';
import { DEFAULT_SOURCES, readSourcesConfig, type SourcesConfig } from './sourcesConfig.js';

export interface LoadCityOptions {
  sourceDir: string;
  /** Path to a sources config JSON (shape: SourcesConfig in sourcesConfig.ts); else DEFAULT_SOURCES. */
  sourcesConfig?: string;
}

/** Expands a path with an optional `*` in its file-name part; missing matches give []. */
export async function expandPath(sourceDir: string, pattern: string): Promise<string[]> {
  const full = isAbsolute(pattern) ? pattern : join(sourceDir, pattern);
  const name = basename(full);
  if (!name.includes('*')) return [full];
  const re = new RegExp(
    `^${name
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  try {
    return (await readdir(dirname(full)))
      .filter((f) => re.test(f))
      .sort()
      .map((f) => join(dirname(full), f));
  } catch {
    return [];
  }
}

function stableId(f: RawFeature): string {
  return f.idPrefix.startsWith('osm:') ? `${f.idPrefix}/${f.sourceId}` : `${f.idPrefix}:${f.sourceId}`;
}

/** Lowest terrain under the footprint's vertices and centroid, so no wall floats above the ground. */
export function baseElevationOf(polygons: PolygonRings[], elevation: ElevationModel): number {
  let min = Infinity;
  let sx = 0,
    sy = 0,
    n = 0;
  for (const poly of polygons) {
    for (const [lon, lat] of poly[0]) {
      min = Math.min(min, elevation.ellipsoidHeightAt(lon, lat));
      sx += lon;
      sy += lat;
      n++;
    }
  }
  if (n) min = Math.min(min, elevation.ellipsoidHeightAt(sx / n, sy / n));
  return Math.round(min * 1000) / 1000;
}

export async function loadCityModel(opts: LoadCityOptions, log: BuildLog): Promise<CityModel> {
  const config: SourcesConfig = opts.sourcesConfig ? await readSourcesConfig(opts.sourcesConfig) : DEFAULT_SOURCES;
  const rel = (p: string) => relative(opts.sourceDir, p) || basename(p);

  const elevationFiles: string[] = [];
  for (const e of config.elevation ?? []) {
    const files = await expandPath(opts.sourceDir, e.path);
    if (!files.length) log.issue({ file: e.path, featureId: '*', problem: 'no elevation file matches', action: 'file-skipped' });
    elevationFiles.push(...files);
  }
  const elevation = await loadElevationModel(elevationFiles, log);
  const sourceFiles = elevationFiles.map(rel);

  const buildings: CityBuilding[] = [];
  const seen = new Map<string, string>();
  let repaired = 0;
  let skipped = 0;
  for (const src of config.buildings) {
    const reader = buildingReaderFor(src.format);
    const unused = unusedReaderOptions(reader, src);
    if (unused.length) {
      log.issue({ file: src.path, featureId: '*', problem: `the ${src.format} reader does not use ${unused.join(', ')}; ignored`, action: 'note' });
    }
    const files = await expandPath(opts.sourceDir, src.path);
    if (!files.length) log.issue({ file: src.path, featureId: '*', problem: 'no building file matches', action: 'file-skipped' });
    for (const path of files) {
      const file = rel(path);
      log.info(`reading ${file}`);
      let result: ReadResult;
      try {
        result = await reader.read(path, { displayName: file, crs: src.crs, fields: src.fields, encoding: src.encoding });
      } catch (err) {
        // Readers report problems as issues; this is the last guard so one file never stops the build.
        result = { features: [], issues: [{ file, featureId: '*', problem: `reader failed: ${(err as Error).message}`, action: 'file-skipped' }] };
      }
      for (const i of result.issues) {
        log.issue(i);
        if (i.action === 'skipped' && i.featureId !== '*') skipped++;
      }
      if (result.features.length || !result.issues.some((i) => i.action === 'file-skipped')) sourceFiles.push(file);

      result.features.forEach((f, k) => {
        if (k % 200 === 0) log.progress(`read ${file}`, k, result.features.length);
        const id = stableId(f);
        const earlier = seen.get(id);
        if (earlier) {
          log.issue({ file, featureId: f.sourceId, problem: `duplicate of ${id} already read from ${earlier}`, action: 'skipped' });
          skipped++;
          return;
        }
        const fixed = repairFeature(f);
        for (const i of fixed.issues) log.issue(i);
        if (!fixed.polygons.length) {
          skipped++;
          return;
        }
        seen.set(id, file);
        if (fixed.repaired) repaired++;
        const h = decideHeight(f.attributes);
        for (const problem of h.problems) log.issue({ file, featureId: f.sourceId, problem, action: 'note' });
        if (h.heightSource === 'default-by-use') {
          log.issue({ file, featureId: f.sourceId, problem: 'no height or floors', action: 'defaulted' });
        }
        buildings.push({
          id,
          sourceId: f.sourceId,
          source: file,
          name: f.attributes.name,
          use: f.attributes.use,
          floors: h.floors,
          height: h.height,
          minHeight: h.minHeight,
          heightSource: h.heightSource,
          heightNote: h.heightNote,
          baseElevation: baseElevationOf(fixed.polygons, elevation),
          polygons: fixed.polygons,
          area: src.area ?? f.attributes.area ?? basename(file).replace(/\.[^.]+$/, ''),
        });
      });
      log.progress(`read ${file}`, result.features.length, result.features.length);
    }
  }
  log.info(`${buildings.length} buildings built, ${repaired} repaired, ${skipped} skipped`);
  return { buildings, elevation, sourceFiles, repaired, skipped };
}
