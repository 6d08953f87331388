// Source files -> city model: reads every configured building source (readSources.ts), merges the
// sources' descriptions of the same building (mergeSources.ts), decides heights, and sets each
// building on the terrain.
import { relative } from 'node:path';
import type { BuildLog, CityBuilding, CityModel, ElevationModel, PolygonRings } from './cityModel.js';
import { loadElevationModel, type ElevationFile } from './elevation.js';
import { decideHeight, implausibleValues } from './heights.js';
import { DEFAULT_MIN_OVERLAP, mergeSources, type Contribution, type MergedBuilding } from './mergeSources.js';
import { expandPath, readBuildingSources } from './readSources.js';
import { DEFAULT_SOURCES_FILE, readSourcesConfig, type SourcesConfig } from './sourcesConfig.js';

export { expandPath } from './readSources.js';

export interface LoadCityOptions {
  sourceDir: string;
  /** Path to a sources config JSON (shape: SourcesConfig in sourcesConfig.ts); else DEFAULT_SOURCES_FILE (all of Seoul). */
  sourcesConfig?: string;
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
  const config: SourcesConfig = await readSourcesConfig(opts.sourcesConfig ?? DEFAULT_SOURCES_FILE);

  const elevationFiles: ElevationFile[] = [];
  for (const e of config.elevation ?? []) {
    const files = await expandPath(opts.sourceDir, e.path);
    if (!files.length) log.issue({ file: e.path, featureId: '*', problem: 'no elevation file matches', action: 'file-skipped' });
    elevationFiles.push(...files.map((path) => ({ path, crs: e.crs, attribution: e.attribution })));
  }
  const elevation = await loadElevationModel(elevationFiles, log);

  const read = await readBuildingSources(opts.sourceDir, config.buildings, log);
  const merged = mergeSources(read.sources, config.merge?.minOverlap ?? DEFAULT_MIN_OVERLAP, log);
  const multiSource = read.sources.filter((s) => s.buildings.length).length > 1;
  for (const p of merged.report.pairs) {
    const fields = Object.entries(p.filledFields).map(([f, n]) => `${f} ${n}`);
    log.info(
      `merged ${p.other} into ${p.winner}: ${p.replaced} replaced (${p.byId} by id, ${p.byOverlap} by footprint) by ${p.kept} kept, ${p.filled} filled${fields.length ? ` (${fields.join(', ')})` : ''}`,
    );
  }

  const buildings = merged.buildings.map((m) => toCityBuilding(m, elevation, log));
  const replaced = merged.report.sources.reduce((n, s) => n + s.replaced, 0);
  log.info(`${buildings.length} buildings built, ${read.repaired} repaired, ${read.skipped} skipped${replaced ? `, ${replaced} merged into others` : ''}`);
  return {
    buildings,
    elevation,
    sourceFiles: [...elevationFiles.map((f) => relative(opts.sourceDir, f.path) || f.path), ...read.files],
    repaired: read.repaired,
    skipped: read.skipped,
    merged: replaced,
    attributions: [
      ...new Set([...new Set(merged.buildings.map((m) => m.kept.source))].sort((x, y) => x - y).flatMap((i) => read.sources[i].config.attribution ?? [])),
    ],
    merge: multiSource ? merged.report : null,
  };
}

function toCityBuilding(m: MergedBuilding, elevation: ElevationModel, log: BuildLog): CityBuilding {
  const b = m.kept;
  const a = m.attributes;
  const h = decideHeight(a);
  for (const problem of h.problems) log.issue({ file: b.file, featureId: b.sourceId, problem, action: 'note' });
  // The building's own implausible height or floors that another source's record replaced (decideHeight saw only that record).
  const replaced = implausibleValues(b.attributes).filter((v) => !implausibleValues(a).includes(v));
  if (replaced.length) {
    const source = m.heightFrom ?? m.others.find((c) => c.filled.includes('floors'));
    const from = source ? `${source.building.file} [${source.building.sourceId}]` : 'another source';
    log.issue({
      file: b.file,
      featureId: b.sourceId,
      problem: `${replaced.join(' and ')} implausible: not trusted as measured; taken from ${from}`,
      action: 'note',
    });
  }
  if (h.heightSource === 'default-by-use') log.issue({ file: b.file, featureId: b.sourceId, problem: 'no height or floors', action: 'defaulted' });
  const best = m.others[0]?.building;
  return {
    id: b.id,
    sourceId: b.sourceId,
    source: b.file,
    name: a.name,
    use: a.use,
    floors: h.floors,
    height: h.height,
    minHeight: h.minHeight,
    heightSource: h.heightSource,
    heightNote: m.heightFrom ? `${h.heightNote}; from ${m.heightFrom.building.file} [${m.heightFrom.building.sourceId}] (${b.file} has none)` : h.heightNote,
    baseElevation: baseElevationOf(b.polygons, elevation),
    basementFloors: a.basementFloors && a.basementFloors > 0 ? Math.round(a.basementFloors) : 0,
    mergedFrom: m.others.map(describeContribution).join('\n'),
    polygons: b.polygons,
    // An official layer names no area: it takes the one of the building it replaced (e.g. the gu of an OSM file).
    area: b.area ?? best?.area ?? best?.fileArea ?? b.fileArea,
  };
}

/** "<file> [<id>] same id: filled name, use" / "... footprint overlap 87 %: nothing new". */
export function describeContribution(c: Contribution): string {
  const how = c.by === 'id' ? 'same id' : `footprint overlap ${Math.round(c.share * 100)} %`;
  return `${c.building.file} [${c.building.sourceId}] ${how}: ${c.filled.length ? `filled ${c.filled.join(', ')}` : 'nothing new'}`;
}
