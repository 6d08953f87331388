// The "Batch results" list in the side panel: the batch runs the host finds (common/api/
// batchContract.ts), a progress bar for each running one (polled), and for each finished one a
// button per raster output that opens it as a map layer (batchLayer.ts) in the layer list. The
// section stays hidden while the host has no runs.
import type { CesiumWidget } from 'cesium';
import { BATCH_RUNS_ROUTE, type BatchRunInfo, type BatchRunList } from '../../../common/api/batchContract.js';
import { button, el } from '../dom.js';
import { onLanguageChange } from '../i18n.js';
import { Disposer, type Destroyable, type Remover } from '../lifetime.js';
import type { LayerRegistry } from '../mapLayer.js';
import { BatchResultLayer } from './batchLayer.js';
import { batchText } from './batchText.js';

const POLL_MS = 4000;

export interface BatchPanelOptions {
  viewer: CesiumWidget;
  registry: LayerRegistry;
  /** The section (hidden until there are runs), its title and its list. */
  section: HTMLElement;
  title: HTMLElement;
  list: HTMLElement;
}

function progressText(run: BatchRunInfo): string {
  const counts = { done: run.done, tiles: run.tiles ?? '?', running: run.running, waiting: run.waiting, failed: run.failed.length };
  if (run.status === 'finished') return batchText('finished', counts);
  const eta = run.etaSeconds === null ? '' : ` · ${batchText('eta', { minutes: Math.max(1, Math.round(run.etaSeconds / 60)) })}`;
  return batchText('running', counts) + eta;
}

export function setUpBatchResults(options: BatchPanelOptions): Destroyable {
  const { viewer, registry, section, title, list } = options;
  const life = new Disposer();
  const open = new Map<string, { layer: BatchResultLayer; remove: Remover }>();
  let runs: BatchRunInfo[] = [];
  let shown = '';
  let error: string | null = null;
  /** Why progress is missing (the host's Redis), shown under the list. */
  let problem: string | null = null;

  /** The drawing progress of open layers, on their run's item (tests and people can see it is done). */
  const markDrawing = () => {
    for (const { layer } of open.values()) {
      const item = list.querySelector<HTMLElement>(`li[data-run="${layer.run.runId}"]`);
      if (!item || !layer.provider) continue;
      item.dataset.pending = String(layer.provider.pending);
      item.dataset.drawn = String(layer.provider.drawn);
    }
    viewer.scene.requestRender();
  };

  const close = (id: string) => {
    const o = open.get(id);
    if (!o) return;
    open.delete(id);
    o.remove();
    o.layer.destroy();
  };

  const toggle = (run: BatchRunInfo, output: string) => {
    const id = `batch-${run.runId}-${output}`;
    if (open.has(id)) close(id);
    else {
      const layer = new BatchResultLayer(
        viewer,
        run,
        output,
        () => {
          registry.changed();
          markDrawing();
        },
        markDrawing,
      );
      open.set(id, { layer, remove: registry.add(layer) });
      void layer.open();
    }
    render();
  };

  function item(run: BatchRunInfo): HTMLElement {
    const head = el('div', { className: 'batch-run-name', textContent: `${run.runId} · ${run.analysis?.type ?? '?'}` });
    const parts: HTMLElement[] = [head];
    if (run.status === 'running') parts.push(el('progress', { max: run.tiles ?? 1, value: run.tiles ? run.done : 0 }));
    parts.push(el('div', { className: 'batch-run-status', textContent: progressText(run) }));
    if (run.status === 'finished')
      for (const output of run.outputs) {
        const id = `batch-${run.runId}-${output}`;
        parts.push(button(batchText(open.has(id) ? 'hide' : 'show', { output }), () => toggle(run, output), { id: `${id}-open` }));
      }
    return el('li', { dataset: { run: run.runId, status: run.status } }, ...parts);
  }

  function render(): void {
    title.textContent = batchText('title');
    section.hidden = runs.length === 0 && error === null;
    const notes = [...(problem ? [problem] : []), ...(error ? [batchText('unreachable', { error })] : [])];
    list.replaceChildren(...runs.map(item), ...notes.map((text) => el('li', { className: 'batch-run-problem', textContent: text })));
    markDrawing();
  }

  async function refresh(): Promise<void> {
    try {
      const response = await fetch(BATCH_RUNS_ROUTE, { headers: { Accept: 'application/json' } });
      // A host without batch routes (an older one) has no runs to show.
      const body: BatchRunList = response.ok ? ((await response.json()) as BatchRunList) : { runs: [], redis: false, problem: null };
      runs = body.runs;
      problem = body.problem;
      error = null;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (life.destroyed) return;
    const now = JSON.stringify([runs, error, problem]);
    if (now !== shown) {
      shown = now;
      render();
    }
  }

  life.add(onLanguageChange(render));
  void refresh();
  life.interval(() => void refresh(), POLL_MS);
  life.add(() => {
    for (const id of [...open.keys()]) close(id);
    list.replaceChildren();
    section.hidden = true;
  });
  return life;
}
