// Reads every configured building source: files by their format's reader, text repaired or
// reported when it looks garbled, footprints repaired. Each source's buildings stay separate so
// mergeSources can decide which source describes a building best.
import { readdir } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { buildingReaderFor, unusedReaderOptions } from '../readers/registry.js';
import { CP949_READ_AS_LATIN1, hasReplacementChar, scanGarbledText } from '../readers/textRepair.js';
import type { RawFeature, ReadResult, SourceAttributes } from '../readers/types.js';
import type { BuildLog, PolygonRings } from './cityModel.js';
import { outsideCityIssue, positionOutsideCity, truncateLongTexts } from './featureLimits.js';
import { repairFeature } from './repair.js';
import type { BuildingSourceConfig } from './sourcesConfig.js';

/** One building as one source describes it, footprint repaired, attributes as read. */
export interface SourceBuilding {
  /** Position of its source in the config's `buildings` list. */
  source: number;
  file: string;
  sourceId: string;
  /** Stable id; also the identity key: equal ids in two sources mean the same building. */
  id: string;
  polygons: PolygonRings[];
  attributes: SourceAttributes;
  /** The area the config or the feature names; null when neither does. */
  area: string | null;
  /** The area when nothing better is known: the file name. */
  fileArea: string;
}

export interface ReadSource {
  config: BuildingSourceConfig;
  /** How the report names it: the config's `name`, else its path. */
  label: string;
  buildings: SourceBuilding[];
}

export interface ReadSourcesResult {
  sources: ReadSource[];
  /** Files read, relative to the source directory. */
  files: string[];
  repaired: number;
  skipped: number;
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

/** 'osm:way/123' for OSM ids (as before merging existed), '<scheme>:<id>' otherwise. */
function stableId(scheme: string, sourceId: string): string {
  return scheme.startsWith('osm:') ? `${scheme}/${sourceId}` : `${scheme}:${sourceId}`;
}

export async function readBuildingSources(sourceDir: string, configs: BuildingSourceConfig[], log: BuildLog): Promise<ReadSourcesResult> {
  const rel = (p: string) => relative(sourceDir, p) || basename(p);
  const result: ReadSourcesResult = { sources: [], files: [], repaired: 0, skipped: 0 };
  for (const [index, src] of configs.entries()) {
    const source: ReadSource = { config: src, label: src.name ?? src.path, buildings: [] };
    result.sources.push(source);
    const reader = buildingReaderFor(src.format);
    const unused = unusedReaderOptions(reader, src);
    if (unused.length) {
      log.issue({ file: src.path, featureId: '*', problem: `the ${src.format} reader does not use ${unused.join(', ')}; ignored`, action: 'note' });
    }
    const files = await expandPath(sourceDir, src.path);
    if (!files.length) log.issue({ file: src.path, featureId: '*', problem: 'no building file matches', action: 'file-skipped' });
    // Within one source an id read twice is a defect of the data; across sources it is the same building (merging).
    const seen = new Map<string, string>();
    for (const path of files) {
      const file = rel(path);
      log.info(`reading ${file}`);
      let read: ReadResult;
      try {
        read = await reader.read(path, { displayName: file, crs: src.crs, fields: src.fields, encoding: src.encoding });
      } catch (err) {
        // Readers report problems as issues; this is the last guard so one file never stops the build.
        read = { features: [], issues: [{ file, featureId: '*', problem: `reader failed: ${(err as Error).message}`, action: 'file-skipped' }] };
      }
      for (const i of read.issues) {
        log.issue(i);
        if (i.action === 'skipped' && i.featureId !== '*') result.skipped++;
      }
      if (read.features.length || !read.issues.some((i) => i.action === 'file-skipped')) result.files.push(file);
      checkText(read.features, file, src, log);

      const outside: { count: number; first: { id: string; at: [number, number] } | null } = { count: 0, first: null };
      read.features.forEach((f, k) => {
        if (k % 200 === 0) log.progress(`read ${file}`, k, read.features.length);
        for (const i of truncateLongTexts(f)) log.issue(i);
        const id = stableId(src.idScheme ?? f.idPrefix, f.sourceId);
        const earlier = seen.get(id);
        if (earlier) {
          log.issue({ file, featureId: f.sourceId, problem: `duplicate of ${id} already read from ${earlier}`, action: 'skipped' });
          result.skipped++;
          return;
        }
        const fixed = repairFeature(f);
        for (const i of fixed.issues) log.issue(i);
        if (!fixed.polygons.length) {
          result.skipped++;
          return;
        }
        const at = src.allowOutsideCity ? null : positionOutsideCity(fixed.polygons);
        if (at) {
          outside.first ??= { id: f.sourceId, at };
          outside.count++;
          result.skipped++;
          return;
        }
        seen.set(id, file);
        if (fixed.repaired) result.repaired++;
        source.buildings.push({
          source: index,
          file,
          sourceId: f.sourceId,
          id,
          polygons: fixed.polygons,
          attributes: f.attributes,
          area: src.area ?? f.attributes.area,
          fileArea: basename(file).replace(/\.[^.]+$/, ''),
        });
      });
      if (outside.first) log.issue(outsideCityIssue(file, outside.count, outside.first));
      log.progress(`read ${file}`, read.features.length, read.features.length);
    }
  }
  return result;
}

/** Names and uses that look like CP949 read as Latin-1: repaired when the source asks, else one line saying so. */
function checkText(features: RawFeature[], file: string, src: BuildingSourceConfig, log: BuildLog): void {
  const repair = src.textRepair === CP949_READ_AS_LATIN1;
  const texts = features.flatMap((f) =>
    (['name', 'use'] as const).map((key) => ({ get: () => f.attributes[key], set: (v: string) => (f.attributes[key] = v) })),
  );
  // Shapefiles: the reader checks the .dbf's bytes and names the encoding that fits (shapefile.ts).
  if (src.format !== 'shapefile') {
    const replaced = features.filter((f) => hasReplacementChar(f.attributes.name) || hasReplacementChar(f.attributes.use));
    if (replaced.length) {
      log.issue({
        file,
        featureId: replaced[0].sourceId,
        problem: `${replaced.length} name(s) hold U+FFFD replacement characters: the text was not UTF-8 when the file was written (CP949?); convert the source from CP949 to UTF-8 (e.g. iconv -f cp949 -t utf-8); kept as read`,
        action: 'note',
      });
    }
  }
  const scan = scanGarbledText(texts, repair);
  const example = scan.example ? `, e.g. "${scan.example.garbled}" -> "${scan.example.repaired}"` : '';
  if (repair) {
    const problem = scan.repaired
      ? `${scan.repaired} name(s) repaired from CP949 read as Latin-1 (textRepair)${example}`
      : `textRepair "${CP949_READ_AS_LATIN1}" is set but no text looked garbled; nothing changed`;
    log.issue({ file, featureId: '*', problem, action: scan.repaired ? 'repaired' : 'note' });
  } else if (scan.garbled && scan.garbled * 2 >= scan.latin1) {
    log.issue({
      file,
      featureId: '*',
      problem: `${scan.garbled} name(s) look like CP949 text read as Latin-1${example}: set "textRepair": "${CP949_READ_AS_LATIN1}" for this source in the sources config; kept as found`,
      action: 'note',
    });
  }
}
