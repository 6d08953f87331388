// npm run batch:status -- RUN --redis URL [--watch]: done, running, failed, ETA and a progress bar.
import { BatchQueue } from '../batch/batchQueue.js';
import { flagValue, parseBatchArgs } from '../batch/cliArgs.js';
import { progressLine, runProgress } from '../batch/runStatus.js';
import { exitWithError } from './browserMode.js';

async function main(): Promise<void> {
  const args = parseBatchArgs(process.argv.slice(2), ['redis', 'watch']);
  const [runId] = args.positional;
  const redis = flagValue(args, 'redis');
  if (!runId || !redis) throw new Error('usage: npm run batch:status -- RUN --redis URL [--watch]');
  const batch = new BatchQueue(redis);
  try {
    for (;;) {
      const p = await runProgress(batch, runId);
      console.log(progressLine(p));
      for (const f of p.failed) console.log(`  failed ${f.tile}: ${f.error}`);
      if (!args.flags.has('watch') || p.merged) break;
      await new Promise((r) => setTimeout(r, 2000));
    }
  } finally {
    await batch.destroy();
  }
}

main().catch(exitWithError);
