// Progress of a long analysis run: a bar, the stage, and a Cancel button that aborts the run (the
// abort reaches the worker through analysisClient.ts), then one status line: what the run says, or
// "Cancelled.", or the error. The page stays responsive because the engines run in the worker.
import { button, el } from '../dom.js';
import { analysisText } from './analysisText.js';

export interface ProgressView {
  onProgress(fraction: number, stage: string): void;
  signal: AbortSignal;
  done(message?: string): void;
}

/** Runs in progress (their Cancel buttons' controllers), so the tools can end them all when they go. */
const running = new Set<AbortController>();

/** Cancels every analysis run in progress (the analysis tools' teardown). */
export function cancelRuns(): void {
  for (const controller of [...running]) controller.abort();
  running.clear();
}

export function startProgress(container: HTMLElement, label: string): ProgressView {
  const controller = new AbortController();
  running.add(controller);
  const text = el('span', { className: 'analysis-progress-text', textContent: label });
  const bar = el('progress', { max: 1, value: 0 });
  const cancel = button(analysisText('cancel'), () => controller.abort(), { className: 'chip analysis-cancel' });
  container.replaceChildren(el('div', { className: 'analysis-progress' }, text, bar, cancel));
  return {
    signal: controller.signal,
    onProgress(fraction, stage) {
      bar.value = Math.max(0, Math.min(1, fraction));
      text.textContent = `${label}: ${stage} ${Math.round(fraction * 100)}%`;
    },
    done(message) {
      running.delete(controller);
      container.replaceChildren(...(message ? [el('p', { className: 'analysis-status', textContent: message })] : []));
    },
  };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isCancelled(err: unknown): boolean {
  return /was cancelled/.test(errorText(err));
}

export interface RunFlow {
  /** True while a run started here is under way (a second press does nothing). */
  readonly busy: boolean;
  /** Shows progress with Cancel in the status box while `work` runs, then the line it returns. */
  run(label: string, work: (progress: ProgressView) => Promise<string>): Promise<void>;
}

/** The progress / cancel / status flow of one status box, shared by the runs started from it. */
export function runFlow(status: HTMLElement, text: { cancelled(): string; failed?(message: string): string }): RunFlow {
  let busy = false;
  return {
    get busy() {
      return busy;
    },
    async run(label, work) {
      if (busy) return;
      busy = true;
      const progress = startProgress(status, label);
      try {
        progress.done(await work(progress));
      } catch (err) {
        progress.done(isCancelled(err) ? text.cancelled() : (text.failed ?? errorText)(errorText(err)));
      } finally {
        busy = false;
      }
    },
  };
}
