// One Node worker thread of the pool (nodePool.ts): runs any engine of ENGINES on request and posts
// progress. Engines are synchronous loops that never yield to the message queue, so cancelling
// goes through a shared flag the engine's EngineRun polls, not through a message.
import { parentPort } from 'node:worker_threads';
import { ENGINES, type EngineName } from '../analysisWorker.js';
import type { EngineControl } from '../engineControl.js';

/** `cancelFlag`: Int32Array over a SharedArrayBuffer; element 0 becomes 1 to cancel. */
export type PoolRequest = { type: 'run'; id: string; name: EngineName; input: unknown; cancelFlag: Int32Array };
export type PoolReply =
  | { type: 'progress'; id: string; fraction: number; stage: string }
  | { type: 'done'; id: string; result: unknown }
  | { type: 'error'; id: string; message: string; cancelled: boolean };

const port = parentPort;
if (!port) throw new Error('nodePoolWorker.ts must run in a worker thread');

function buffersOf(result: unknown): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) seen.add(v.buffer);
    } else if (depth < 2 && typeof v === 'object' && v !== null) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(result, 0);
  return [...seen];
}

port.on('message', (msg: PoolRequest) => {
  const flag = msg.cancelFlag;
  const control: EngineControl = {
    cancel: {
      get aborted() {
        return Atomics.load(flag, 0) === 1;
      },
    },
    onProgress: (fraction, stage) => port.postMessage({ type: 'progress', id: msg.id, fraction, stage } satisfies PoolReply),
  };
  const engine = ENGINES[msg.name] as unknown as (input: unknown, control: EngineControl) => unknown;
  if (typeof engine !== 'function') {
    port.postMessage({ type: 'error', id: msg.id, message: `no analysis engine named ${String(msg.name)}`, cancelled: false } satisfies PoolReply);
    return;
  }
  Promise.resolve()
    .then(() => engine(msg.input, control))
    .then(
      (result) => port.postMessage({ type: 'done', id: msg.id, result } satisfies PoolReply, buffersOf(result)),
      (err: Error) => port.postMessage({ type: 'error', id: msg.id, message: err.message, cancelled: err.name === 'EngineCancelledError' } satisfies PoolReply),
    );
});
