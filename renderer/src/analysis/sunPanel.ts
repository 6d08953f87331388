// The Sun tab: sunlight hours on the ground of an area (coloured raster with legend), and on the
// facades of the selected building per floor with the Korean right-to-light test (failing floors
// listed; values on click). Both run in the analysis worker with progress and Cancel.
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { winterSolsticeKst } from '../../../workers/sun/sunPosition.js';
import type { FacadeFloor } from '../../../workers/sun/facadeSun.js';
import { runAnalysis, runAnalysisSplit } from './analysisClient.js';
import { areaSurface, cropToArea, drawRectangle, visibleArea } from './analysisArea.js';
import { button, el } from '../dom.js';
import { field, numberInput, tableOf, type AnalysisContext, type ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { sunHoursRamp } from './colourRamp.js';
import { clearFacadeFloors, drawFacadeFloors, facadeFloorIndexOf } from './facadeFloors.js';
import { errorText, isCancelled, startProgress } from './progressBar.js';
import { showRasterOverlay } from './rasterOverlay.js';

export interface SunSettings {
  date: string;
  startMinute: number;
  endMinute: number;
  stepMinutes: number;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** The Sun tab's form, also used by the Compare tab. */
export function sunForm(prefix: string): { element: HTMLElement; read(): SunSettings } {
  const date = el('input', { type: 'date', id: `${prefix}-date`, value: winterSolsticeKst(new Date().getFullYear()) });
  const start = el('input', { type: 'time', id: `${prefix}-start`, value: '08:00', step: '600' });
  const end = el('input', { type: 'time', id: `${prefix}-end`, value: '16:00', step: '600' });
  const step = numberInput(`${prefix}-step`, 10, 1, 120);
  return {
    element: el(
      'div',
      { className: 'analysis-form' },
      field(analysisText('date'), date),
      field(analysisText('start'), start),
      field(analysisText('end'), end),
      field(analysisText('step'), step),
    ),
    read: () => ({ date: date.value, startMinute: minutes(start.value), endMinute: minutes(end.value), stepMinutes: Number(step.value) }),
  };
}

/** Area choice: the visible map or a drawn rectangle. */
export function areaChoice(ctx: AnalysisContext, owner: string, hint: HTMLElement): { element: HTMLElement; area(): ScenarioArea } {
  let drawn: ScenarioArea | null = null;
  const label = el('span', { className: 'analysis-hint', id: `${owner}-area-label`, textContent: analysisText('areaVisible') });
  const visible = button(
    analysisText('areaVisible'),
    () => {
      drawn = null;
      label.textContent = analysisText('areaVisible');
    },
    { id: `${owner}-area-visible` },
  );
  const draw = button(
    analysisText('areaDraw'),
    () => {
      void drawRectangle(ctx, owner, hint).then((a) => {
        if (!a) return;
        drawn = a;
        label.textContent = `${a.west.toFixed(4)}, ${a.south.toFixed(4)} – ${a.east.toFixed(4)}, ${a.north.toFixed(4)}`;
      });
    },
    { id: `${owner}-area-draw` },
  );
  return {
    element: el('div', {}, el('h3', { textContent: analysisText('area') }), el('div', { className: 'analysis-buttons' }, visible, draw), label),
    area: () => drawn ?? visibleArea(ctx),
  };
}

export function sunPanel(ctx: AnalysisContext): ToolPanel {
  const form = sunForm('sun');
  const hint = el('p', { className: 'analysis-hint' });
  const area = areaChoice(ctx, 'sun', hint);
  const withProposals = el('input', { type: 'checkbox', id: 'sun-with-proposals', checked: true });
  const status = el('div', { className: 'analysis-status-box', id: 'sun-status' });
  const results = el('div', { id: 'sun-results' });
  const picked = el('p', { className: 'analysis-picked', id: 'sun-picked' });
  let floors: FacadeFloor[] = [];
  let busy = false;

  const runGround = async () => {
    if (busy) return;
    busy = true;
    const progress = startProgress(status, analysisText('groundHours'));
    try {
      const s = form.read();
      const surface = await areaSurface(ctx, area.area(), withProposals.checked, progress.signal);
      const dsm = surface.after ?? surface.before;
      const result = await runAnalysisSplit('groundSunHours', { dsm, ...s }, { signal: progress.signal, onProgress: progress.onProgress });
      const hours = cropToArea(surface, result.hours);
      const maxHours = (s.endMinute - s.startMinute) / 60 || 1;
      await showRasterOverlay(ctx.viewer, {
        id: 'sun-hours',
        grid: hours,
        ramp: sunHoursRamp(maxHours),
        legend: { title: analysisText('groundHours'), unit: analysisText('hoursUnit') },
      });
      ctx.results.setRaster({ id: 'sun-hours', label: analysisText('groundHours'), grid: hours });
      progress.done(
        `${analysisText('done')}: ${result.date}, ${hours.width} × ${hours.height} m${surface.problems.length ? ` — ${surface.problems.join('; ')}` : ''}`,
      );
    } catch (err) {
      progress.done(isCancelled(err) ? analysisText('cancelled') : errorText(err));
    } finally {
      busy = false;
    }
  };

  const runFacades = async () => {
    if (busy) return;
    const building = ctx.selectedBuilding();
    if (!building) {
      status.replaceChildren(el('p', { className: 'analysis-status', textContent: analysisText('selectBuilding') }));
      return;
    }
    busy = true;
    const progress = startProgress(status, analysisText('facades'));
    try {
      const s = form.read();
      let prisms: Awaited<ReturnType<typeof areaSurface>>['prisms'] = [];
      if (withProposals.checked && ctx.store.proposals.length) prisms = (await areaSurface(ctx, visibleArea(ctx), true, progress.signal)).prisms;
      const result = await runAnalysis(
        'facadeSun',
        { buildUrl: ctx.cityBaseUrl, buildings: [building.id], proposals: prisms, ...s },
        { signal: progress.signal, onProgress: progress.onProgress },
      );
      floors = result.floors;
      await drawFacadeFloors(ctx.viewer, floors, sunHoursRamp((s.endMinute - s.startMinute) / 60 || 1));
      const failing = floors.filter((f) => !f.rightToLight.pass);
      const rows = failing.map((f) => [
        `${f.facade}`,
        `${f.floor}`,
        Math.round(f.facing),
        f.hours,
        `${f.rightToLight.longestContinuousMinutes} / ${f.rightToLight.totalMinutes}`,
      ]);
      results.replaceChildren(
        el('h3', { textContent: `${analysisText('failingFloors')} (${failing.length} / ${floors.length})` }),
        failing.length
          ? tableOf([analysisText('facade'), analysisText('floor'), '°', analysisText('hours'), 'min'], rows, 'analysis-table failing-floors')
          : el('p', { textContent: analysisText('noneFailing') }),
      );
      ctx.results.setTable(
        `facades-${building.id.replace(/[^A-Za-z0-9_-]+/g, '_')}`,
        floors.map((f) => ({
          building: f.building,
          facade: f.facade,
          floor: f.floor,
          facing: Math.round(f.facing),
          hours: f.hours,
          rightToLight: f.rightToLight.pass,
          longestContinuousMinutes: f.rightToLight.longestContinuousMinutes,
          totalMinutes: f.rightToLight.totalMinutes,
        })),
      );
      progress.done(`${analysisText('done')}: ${floors.length} ${analysisText('floor')}${result.problems.length ? ` — ${result.problems.join('; ')}` : ''}`);
    } catch (err) {
      progress.done(isCancelled(err) ? analysisText('cancelled') : errorText(err));
    } finally {
      busy = false;
    }
  };

  const offClick = ctx.input.onClick((p) => {
    const i = facadeFloorIndexOf(p.picked);
    if (i === null || !floors[i]) return;
    const f = floors[i];
    picked.textContent = `${f.building} · ${analysisText('facade')} ${f.facade} · ${analysisText('floor')} ${f.floor}: ${f.hours.toFixed(2)} ${analysisText('hoursUnit')} · ${analysisText('rtl')} ${f.rightToLight.pass ? analysisText('pass') : analysisText('fail')} (${f.rightToLight.longestContinuousMinutes} / ${f.rightToLight.totalMinutes} min)`;
  });

  const element = el(
    'div',
    { id: 'sun-panel' },
    form.element,
    area.element,
    el('label', { className: 'analysis-check' }, withProposals, el('span', { textContent: analysisText('withProposals') })),
    hint,
    el(
      'div',
      { className: 'analysis-buttons' },
      button(`${analysisText('run')}: ${analysisText('groundHours')}`, () => void runGround(), { id: 'sun-run-ground' }),
      button(`${analysisText('run')}: ${analysisText('facades')}`, () => void runFacades(), { id: 'sun-run-facades' }),
    ),
    el('p', { className: 'analysis-hint', textContent: analysisText('facadeHint') }),
    status,
    results,
    picked,
  );
  return {
    element,
    destroy() {
      offClick();
      ctx.input.cancel('sun');
      clearFacadeFloors(ctx.viewer);
    },
  };
}
