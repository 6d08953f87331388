// npm run build:city -- [--source DIR] [--out DIR] [--sources FILE] [--wiki-db FILE | --no-wiki-edits] [--skip-surface-model]
// Builds the city from source data into a city-build folder (see tiles/buildCity.ts) and ends with
// its figures: time, bytes on disk, peak memory.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildCity } from '../buildCity.js';
import { parseCliOptions } from './cliOptions.js';
import { defaultBuildDir, defaultSourceDir, defaultWikiDbPath } from './defaultPaths.js';
import { createConsoleLog } from './progressLog.js';

const USAGE = `Usage: npm run build:city -- [--source DIR] [--out DIR] [--sources FILE] [--wiki-db FILE | --no-wiki-edits] [--skip-surface-model]

  --source DIR    source data folder (default: $VSEOUL_DATA_DIR or <repo>/../shared/data)
  --out DIR       city build folder to (re)place (default: $VSEOUL_BUILD_DIR or <repo>/city-build)
  --sources FILE  sources config JSON naming building/elevation files (default:
                  tiles/sources/seoul-all.json, all of Seoul from merged official and OSM sources;
                  tiles/sources/osm-patches.json: only the two named OSM patches, seconds to build)
  --wiki-db FILE  the wiki store whose approved building edits (floors, use, name) are applied
                  over every source (default: $VSEOUL_WIKI_DB or <repo>/wiki-data/wiki.sqlite;
                  none there: no edits)
  --no-wiki-edits build from the sources alone
  --skip-surface-model
                  leave out the surface model (surface/ tiles): the analyses then report it missing

The previous build stays in place until the new one is complete.`;

/** Bytes of every file under `dir`. */
async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  return total;
}

async function main(): Promise<number> {
  const args = parseCliOptions(
    {
      source: { type: 'string' },
      out: { type: 'string' },
      sources: { type: 'string' },
      'wiki-db': { type: 'string' },
      'no-wiki-edits': { type: 'boolean' },
      'skip-surface-model': { type: 'boolean' },
    },
    USAGE,
  );
  if (typeof args === 'number') return args;
  const sourceDir = args.source ? path.resolve(args.source) : defaultSourceDir();
  const outDir = args.out ? path.resolve(args.out) : defaultBuildDir();
  const sourcesConfig = args.sources ? path.resolve(args.sources) : undefined;
  const wikiStore = args['no-wiki-edits'] ? undefined : path.resolve(args['wiki-db'] ?? defaultWikiDbPath());

  console.log(
    `Virtual Seoul city build\n  source: ${sourceDir}\n  out:    ${outDir}${sourcesConfig ? `\n  sources config: ${sourcesConfig}` : ''}\n  wiki edits: ${wikiStore ?? 'none (--no-wiki-edits)'}`,
  );
  const log = createConsoleLog();
  try {
    const s = await buildCity({ sourceDir, outDir, sourcesConfig, wikiStore, skipSurfaceModel: args['skip-surface-model'] }, log);
    log.finish();
    const hs = s.heightSources;
    const surface = s.surface
      ? `${s.surface.tiles} tiles of 1 km, ${(s.surface.bytes / 1e6).toFixed(1)} MB, ${s.surface.seconds.toFixed(1)} s`
      : 'none (--skip-surface-model, or the stage failed: see the issues)';
    const disk = await diskBytes(outDir);
    const byAction = Object.entries(log.counts.byAction)
      .map(([a, n]) => `${n} ${a}`)
      .join(', ');
    console.log(
      [
        '',
        'Build complete',
        `  buildings: ${s.buildingsBuilt} built, ${s.buildingsRepaired} repaired, ${s.buildingsSkipped} skipped${s.buildingsMerged ? `, ${s.buildingsMerged} merged into the same building of another source` : ''}`,
        `  heights:   ${hs.measured} measured, ${hs.floors} from floors, ${hs['default-by-use']} default by use, ${hs['citizen-edit']} from citizen edits`,
        `  citizen edits: ${s.citizenEdits ? `${s.citizenEdits.applied} applied, ${s.citizenEdits.missing} for buildings not in this build` : 'none read'}`,
        `  tiles:     ${s.tileCount} tiles, ${(s.tileBytes / 1e6).toFixed(2)} MB (${Math.round(s.tileBytes / Math.max(1, s.buildingsBuilt))} bytes/building)`,
        `  surface:   ${surface}`,
        `  issues:    ${log.counts.issues}${byAction ? ` (${byAction})` : ''}, listed in build-report.json`,
        `  output:    ${outDir}`,
        `  time:      ${s.seconds.toFixed(1)} s`,
        `  disk:      ${(disk / 1e6).toFixed(1)} MB`,
        `  memory:    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB peak (resident)`,
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    log.finish();
    console.error(`\nBuild failed, nothing usable was built: ${(err as Error).message}`);
    console.error('Any previous build in the output folder was left as it was.');
    return 1;
  }
}

process.exitCode = await main();
