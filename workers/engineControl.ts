// Progress and cancellation shared by every analysis engine. Engines are plain functions that
// take their inputs plus an optional EngineControl; the same call works in a Web Worker (through
// comlink, where `onProgress` is a comlink proxy) and directly in Node (tests, benchmarks, CLI).

/** Called with the fraction done (0..1) and a short stage name; may be async (a comlink proxy). */
export type ProgressCallback = (fraction: number, stage: string) => void | Promise<void>;

/**
 * A cancel token: anything with `aborted` (an AbortSignal in Node or the page, or a plain object
 * when the caller owns the worker). Across comlink, cancel by calling `cancel(jobId)` on the
 * worker API instead, because an AbortSignal cannot be cloned into a worker.
 */
export interface CancelToken {
  readonly aborted: boolean;
}

export interface EngineControl {
  onProgress?: ProgressCallback;
  cancel?: CancelToken;
  /** Minimum milliseconds between progress calls (default 100) so progress never costs time. */
  progressIntervalMs?: number;
}

export class EngineCancelledError extends Error {
  constructor(engine: string) {
    super(`${engine} was cancelled`);
    this.name = 'EngineCancelledError';
  }
}

/** Per-run helper: `tick(done, total)` inside hot loops is cheap (checks time every 4096 calls). */
export class EngineRun {
  private lastReport = -Infinity;
  private calls = 0;
  private readonly interval: number;

  constructor(
    private readonly engine: string,
    private readonly control: EngineControl = {},
  ) {
    this.interval = control.progressIntervalMs ?? 100;
  }

  /** Throws EngineCancelledError when cancelled. */
  checkCancelled(): void {
    if (this.control.cancel?.aborted) throw new EngineCancelledError(this.engine);
  }

  tick(done: number, total: number, stage = this.engine): void {
    if ((++this.calls & 4095) !== 0) return;
    this.checkCancelled();
    const now = performance.now();
    if (now - this.lastReport < this.interval) return;
    this.lastReport = now;
    void this.control.onProgress?.(total > 0 ? done / total : 0, stage);
  }

  report(fraction: number, stage = this.engine): void {
    this.checkCancelled();
    this.lastReport = performance.now();
    void this.control.onProgress?.(fraction, stage);
  }
}
