// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe (fds 3 and 4, messages
// ended by NUL), for the soak. Written here instead of driving the page with Playwright because
// Playwright enables the Network and Runtime domains on every page, and DevTools then keeps every
// request's replay data and every console message in the page's heap: over an hour that is
// megabytes of growth the kiosk itself never has. Only Page, Performance, HeapProfiler and
// Runtime.evaluate are used here, none of which buffers anything.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  method: string;
}

export class CdpPipe {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buffer = '';
  private readonly out: Writable;
  private readonly listeners = new Map<string, (params: Record<string, unknown>) => void>();

  private constructor(readonly process: ChildProcess) {
    this.out = process.stdio[3] as Writable;
    const input = process.stdio[4] as Readable;
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => this.receive(chunk));
    process.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`browser exited (${signal ?? code}) during ${p.method}`));
      this.pending.clear();
    });
  }

  /**
   * Starts Chromium with the pipe; `args` are the usual headless switches. `onOutputLine` gets each
   * line the browser and its children print (V8's traces go to stdout, Chromium's logging to stderr).
   */
  static launch(executable: string, args: string[], onOutputLine?: (line: string) => void): CdpPipe {
    const output = onOutputLine ? 'pipe' : 'ignore';
    const child = spawn(executable, [...args, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', output, output, 'pipe', 'pipe'] });
    if (onOutputLine) {
      for (const stream of [child.stdout!, child.stderr!]) {
        let rest = '';
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          const lines = (rest + chunk).split('\n');
          rest = lines.pop()!;
          for (const l of lines) onOutputLine(l);
        });
      }
    }
    return new CdpPipe(child);
  }

  get pid(): number {
    return this.process.pid!;
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const msg = JSON.parse(text) as { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) {
        if (msg.method) this.listeners.get(msg.method)?.(msg.params ?? {});
        continue;
      }
      const p = this.pending.get(msg.id);
      if (!p) continue;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
    }
  }

  /** Calls `handler` for each event of `method` (one handler per method; undefined removes it). */
  onEvent(method: string, handler: ((params: Record<string, unknown>) => void) | undefined): void {
    if (handler) this.listeners.set(method, handler);
    else this.listeners.delete(method);
  }

  /** A heap snapshot of the page, as the JSON text DevTools streams in chunks. */
  async heapSnapshot(sessionId: string): Promise<string> {
    const chunks: string[] = [];
    this.onEvent('HeapProfiler.addHeapSnapshotChunk', (p) => chunks.push(p.chunk as string));
    try {
      await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, sessionId);
    } finally {
      this.onEvent('HeapProfiler.addHeapSnapshotChunk', undefined);
    }
    return chunks.join('');
  }

  /** Opens a page and returns its flattened session id. */
  async openPage(): Promise<string> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    return sessionId;
  }

  /** Evaluates an expression in the page and returns its JSON value. */
  async evaluate<T>(sessionId: string, expression: string): Promise<T> {
    const r = await this.send<{ result: { value?: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(`evaluate: ${r.exceptionDetails.text}`);
    return r.result.value as T;
  }

  /** Closes the browser and waits until it has exited (so its profile folder can be removed). */
  async close(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.send('Browser.close').catch(() => {});
    const timeout = new Promise((r) => setTimeout(r, 10_000, 'timeout'));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      this.process.kill();
      await exited;
    }
  }
}
