// Progress of a long analysis run: a bar, the stage, and a Cancel button that aborts the run (the
// abort reaches the worker through analysisClient.ts). The page stays responsive because the
// engines run in the worker.
import { at } from './analysisText.js';

export interface ProgressView {
  onProgress(fraction: number, stage: string): void;
  signal: AbortSignal;
  done(message?: string): void;
}

export function startProgress(container: HTMLElement, label: string): ProgressView {
  const controller = new AbortController();
  const box = document.createElement('div');
  box.className = 'analysis-progress';
  const text = document.createElement('span');
  text.className = 'analysis-progress-text';
  text.textContent = label;
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'chip analysis-cancel';
  cancel.textContent = at('cancel');
  cancel.addEventListener('click', () => controller.abort());
  box.append(text, bar, cancel);
  container.replaceChildren(box);
  return {
    signal: controller.signal,
    onProgress(fraction, stage) {
      bar.value = Math.max(0, Math.min(1, fraction));
      text.textContent = `${label}: ${stage} ${Math.round(fraction * 100)}%`;
    },
    done(message) {
      container.replaceChildren();
      if (message) {
        const p = document.createElement('p');
        p.className = 'analysis-status';
        p.textContent = message;
        container.append(p);
      }
    },
  };
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function isCancelled(err: unknown): boolean {
  return /was cancelled/.test(errorText(err));
}
