// npm run batch -- SCENARIO.json --area seoul|gu NAME|west,south,east,north --redis URL
//   [--city DIR|URL] [--out DIR] [--analysis TYPE|N] [--variant before|after] [--run ID]
// npm run batch -- --rerun RUN --tile E_N[,E_N...] --redis URL
// Plans a citywide run (main/batch/planBatch.ts) and enqueues one job per 1 km tile plus a merge.
import { parseTileName } from '../../common/batch/batchRun.js';
import { BatchQueue } from '../batch/batchQueue.js';
import { cityUrlOf, flagValue, parseBatchArgs } from '../batch/cliArgs.js';
import { parseBatchArea, planBatch } from '../batch/planBatch.js';
import { defaultBuildDir, REPO_ROOT } from '../../tiles/cli/defaultPaths.js';
import { exitWithError } from './browserMode.js';
import path from 'node:path';

const KNOWN = ['area', 'redis', 'city', 'out', 'analysis', 'variant', 'run', 'rerun', 'tile'] as const;

async function main(): Promise<void> {
  const args = parseBatchArgs(process.argv.slice(2), KNOWN);
  const redis = flagValue(args, 'redis');
  if (!redis) throw new Error('--redis redis://HOST:PORT is required');
  const rerun = flagValue(args, 'rerun');
  if (rerun) {
    const tiles = (flagValue(args, 'tile') ?? '').split(',').filter(Boolean).map(parseTileName);
    if (!tiles.length) throw new Error('--rerun RUN needs --tile E_N[,E_N...]');
    const batch = new BatchQueue(redis);
    try {
      await batch.rerun(rerun, tiles);
    } finally {
      await batch.destroy();
    }
    console.log(`run ${rerun}: ${tiles.length} tile(s) enqueued again`);
    return;
  }
  const [file, ...extra] = args.positional;
  if (!file || extra.length) throw new Error('usage: npm run batch -- SCENARIO.json --area seoul|gu NAME|west,south,east,north --redis URL');
  const variant = flagValue(args, 'variant', 'before');
  if (variant !== 'before' && variant !== 'after') throw new Error('--variant is before or after');
  // Everything is checked before Redis is touched: a scenario that fails its schema enqueues nothing.
  const spec = await planBatch({
    scenarioFile: file,
    area: parseBatchArea(args.flags.get('area') ?? []),
    cityUrl: cityUrlOf(flagValue(args, 'city') ?? defaultBuildDir()),
    outDir: path.resolve(flagValue(args, 'out') ?? path.join(REPO_ROOT, 'batch-results')),
    analysis: flagValue(args, 'analysis'),
    variant,
    runId: flagValue(args, 'run'),
  });
  const batch = new BatchQueue(redis);
  try {
    if (!(await batch.enqueue(spec))) throw new Error(`run ${spec.runId} already exists on this Redis`);
  } finally {
    await batch.destroy();
  }
  console.log(`run ${spec.runId}: ${spec.analysis.type} over ${spec.tiles.length} tiles, halo ${spec.halo.metres} m (${spec.halo.rule})`);
  console.log(`results: ${spec.outDir}`);
  console.log(`progress: npm run batch:status -- ${spec.runId} --redis ${redis}`);
}

main().catch(exitWithError);
