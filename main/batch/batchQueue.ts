// The batch run's queue on Redis (BullMQ): one flow per run — a merge job whose children are the
// run's tile jobs — in one queue every worker listens to. Job ids are derived from the run and the
// tile, so enqueueing the same run twice adds nothing. The run's spec and each tile's current job
// live in two keys beside the queue, for `batch:status` and for re-running a tile alone.
import { FlowProducer, Queue, type JobsOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { tileName, type BatchRunSpec, type BatchTile, type TileJobData } from '../../common/batch/batchRun.js';

export const BATCH_QUEUE = 'vseoul-batch';
/** Attempts per tile before it is reported failed (the merge still runs). */
export const TILE_ATTEMPTS = 3;

/** redis://[user:password@]host:port[/db] or rediss:// (TLS) as the Redis client's options. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--redis must be redis:// or rediss:// (got ${url})`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    db,
    ...(u.protocol === 'rediss:' ? { tls: { servername: u.hostname } } : {}),
    // Workers block on Redis: BullMQ requires unlimited retries, and a restarted Redis is waited for.
    maxRetriesPerRequest: null,
  };
}

/**
 * A Redis client for BullMQ. BullMQ 6 loads no client itself under Node's ESM loader: it takes a
 * constructed ioredis client (and duplicates it for a worker's blocking connection). The caller quits it.
 */
export function connectRedis(url: string, overrides: Partial<RedisOptions> = {}): Redis {
  return new Redis({ ...redisOptions(url), ...overrides });
}

const RUN_KEY_PREFIX = 'vseoul:batch:';
const specKey = (runId: string) => `${RUN_KEY_PREFIX}${runId}:spec`;
const jobsKey = (runId: string) => `vseoul:batch:${runId}:jobs`;
export const tileJobId = (runId: string, tile: BatchTile, rerun = '') => `${runId}.tile.${tileName(tile)}${rerun}`;
export const mergeJobId = (runId: string, rerun = '') => `${runId}.merge${rerun}`;

const TILE_OPTIONS: JobsOptions = {
  attempts: TILE_ATTEMPTS,
  backoff: { type: 'fixed', delay: 500 },
  // A tile that fails for good leaves the merge to run and report it.
  ignoreDependencyOnFailure: true,
  removeOnComplete: false,
  removeOnFail: false,
};

/** The queue's producer side for the CLI commands; destroy() closes its connections. */
export class BatchQueue {
  readonly queue: Queue;
  private readonly flows: FlowProducer;

  private readonly connection: Redis;

  /**
   * `redis`: client options over the URL's (e.g. a reader that must not wait for a Redis that is
   * down: the host's batch routes); `onError`: connection errors, which are otherwise thrown as
   * unhandled 'error' events by the queue.
   */
  constructor(redisUrl: string, options: { redis?: Partial<RedisOptions>; onError?: (err: Error) => void } = {}) {
    this.connection = connectRedis(redisUrl, options.redis);
    this.queue = new Queue(BATCH_QUEUE, { connection: this.connection });
    this.flows = new FlowProducer({ connection: this.connection });
    if (options.onError) {
      this.queue.on('error', options.onError);
      this.flows.on('error', options.onError);
    }
  }

  /** Enqueues the run: its tiles as children of its merge. Returns false when the run already exists. */
  async enqueue(spec: BatchRunSpec): Promise<boolean> {
    const client = this.connection;
    if (await client.get(specKey(spec.runId))) return false;
    await client.set(specKey(spec.runId), JSON.stringify(spec));
    await this.addFlow(spec, spec.tiles, '');
    return true;
  }

  /** Runs some tiles of a finished run again (e.g. one that failed three times), then merges again. */
  async rerun(runId: string, tiles: BatchTile[]): Promise<void> {
    const spec = await this.spec(runId);
    if (!spec) throw new Error(`no batch run ${runId} on this Redis`);
    for (const t of tiles) if (!spec.tiles.some(([e, n]) => e === t[0] && n === t[1])) throw new Error(`tile ${tileName(t)} is not part of run ${runId}`);
    await this.addFlow(spec, tiles, `.r${Date.now()}`);
  }

  async spec(runId: string): Promise<BatchRunSpec | null> {
    const text = await this.connection.get(specKey(runId));
    return text ? (JSON.parse(text) as BatchRunSpec) : null;
  }

  /** Ids of every run enqueued on this Redis. */
  async runIds(): Promise<string[]> {
    const ids = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await this.connection.scan(cursor, 'MATCH', specKey('*'), 'COUNT', 1000);
      for (const k of keys) ids.add(k.slice(RUN_KEY_PREFIX.length, -':spec'.length));
      cursor = next;
    } while (cursor !== '0');
    return [...ids];
  }

  /** The current job id of every tile of the run. */
  async tileJobs(runId: string): Promise<Record<string, string>> {
    return this.connection.hgetall(jobsKey(runId));
  }

  private async addFlow(spec: BatchRunSpec, tiles: BatchTile[], rerun: string): Promise<void> {
    const { tiles: _all, ...shared } = spec;
    const client = this.connection;
    const ids = tiles.map((t) => [tileName(t), tileJobId(spec.runId, t, rerun)] as const);
    await client.hset(jobsKey(spec.runId), Object.fromEntries(ids));
    await this.flows.add({
      name: 'merge',
      queueName: BATCH_QUEUE,
      data: { runId: spec.runId, spec },
      opts: { jobId: mergeJobId(spec.runId, rerun), removeOnComplete: false, removeOnFail: false },
      children: tiles.map((tile, i) => ({
        name: 'tile',
        queueName: BATCH_QUEUE,
        data: { spec: shared, tile } satisfies TileJobData,
        opts: { ...TILE_OPTIONS, jobId: ids[i][1] },
      })),
    });
  }

  async destroy(): Promise<void> {
    await this.flows.close();
    await this.queue.close();
    await this.connection.quit();
  }
}
