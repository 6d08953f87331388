// npm run batch:worker -- --redis URL [--concurrency N] [--city DIR|URL] [--out DIR] [--lock-ms N]
// Runs batch tile and merge jobs until stopped (SIGINT/SIGTERM finish the running jobs first).
import { DEFAULT_LOCK_MS, startBatchWorker } from '../batch/batchWorker.js';
import { cityUrlOf, flagValue, parseBatchArgs } from '../batch/cliArgs.js';
import { exitWithError } from './browserMode.js';
import path from 'node:path';

const KNOWN = ['redis', 'concurrency', 'city', 'out', 'lock-ms'] as const;

function main(): void {
  const args = parseBatchArgs(process.argv.slice(2), KNOWN);
  const redis = flagValue(args, 'redis');
  if (!redis) throw new Error('--redis redis://HOST:PORT is required');
  const concurrency = Number(flagValue(args, 'concurrency', '1'));
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error('--concurrency must be a whole number >= 1');
  const lockMs = Number(flagValue(args, 'lock-ms', String(DEFAULT_LOCK_MS)));
  if (!(lockMs >= 1000)) throw new Error('--lock-ms must be at least 1000');
  const city = flagValue(args, 'city');
  const out = flagValue(args, 'out');
  const worker = startBatchWorker({
    redisUrl: redis,
    concurrency,
    lockMs,
    cityUrl: city === undefined ? undefined : cityUrlOf(city),
    outRoot: out === undefined ? undefined : path.resolve(out),
    onJob: (job, result) =>
      console.log(
        result instanceof Error
          ? `${job.id}: failed (attempt ${job.attemptsMade}): ${result.message}`
          : `${job.id}: done${'seconds' in result ? ` in ${result.seconds.toFixed(2)} s` : ''}`,
      ),
    onStalled: (jobId) => console.log(`${jobId}: stalled (its lock expired), back in the queue`),
  });
  console.log(`batch worker ${process.pid}: ${concurrency} at a time on ${redis.replace(/\/\/[^@]*@/, '//***@')}`);
  const stop = () => void worker.destroy().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main();
} catch (err) {
  exitWithError(err);
}
