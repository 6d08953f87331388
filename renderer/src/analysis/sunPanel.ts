// The Sun tab: sunlight hours on the ground of an area (the declared sunHours analysis: coloured
// raster with legend), and on the facades of the selected building per floor with the Korean
// right-to-light test (the declared facades analysis: failing floors listed, values on click). Both
// run in the analysis workers from parameters, with progress and Cancel.
import type { SunHoursParameters } from '../../../common/analyses/sunHours.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { Row } from '../../../common/tableFormats.js';
import type { ResultTable } from '../../../workers/analyses/declaredRun.js';
import { winterSolsticeKst } from '../../../workers/sun/sunPosition.js';
import { drawRectangle, visibleArea } from './analysisArea.js';
import { runDeclared, runProblems, withProblems } from './analysisRun.js';
import { button, el } from '../dom.js';
import { field, numberInput, type AnalysisContext, type ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { columnsOf, exportButtons, outputStyle, outputTable, showOutput } from './declaredOutputs.js';
import { clearFacadeFloors, drawFacadeFloors, facadeFloorIndexOf } from './facadeFloors.js';
import { runFlow } from './progressBar.js';

/** The Sun tab's form (date, window, step: the sunHours and facades parameters), also used by the Compare tab. */
export function sunForm(prefix: string): { element: HTMLElement; read(): Required<SunHoursParameters> } {
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
    read: () => ({ date: date.value, start: start.value, end: end.value, stepMinutes: Number(step.value) }),
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

/** What a facade floor row says on click. */
function floorText(f: Row): string {
  const pass = f.rightToLight === true ? analysisText('pass') : analysisText('fail');
  return `${String(f.building)} · ${analysisText('facade')} ${String(f.facade)} · ${analysisText('floor')} ${String(f.floor)}: ${Number(f.hours).toFixed(2)} ${analysisText('hoursUnit')} · ${analysisText('rtl')} ${pass} (${String(f.longestContinuousMinutes)} / ${String(f.totalMinutes)} min)`;
}

export function sunPanel(ctx: AnalysisContext): ToolPanel {
  const form = sunForm('sun');
  const hint = el('p', { className: 'analysis-hint' });
  const area = areaChoice(ctx, 'sun', hint);
  const withProposals = el('input', { type: 'checkbox', id: 'sun-with-proposals', checked: true });
  const status = el('div', { className: 'analysis-status-box', id: 'sun-status' });
  const groundExports = el('div', { className: 'analysis-buttons', id: 'sun-ground-exports' });
  const results = el('div', { id: 'sun-results' });
  const picked = el('p', { className: 'analysis-picked', id: 'sun-picked' });
  const flow = runFlow(status, { cancelled: () => analysisText('cancelled') });
  const variant = () => (withProposals.checked ? 'after' : 'before');
  let floors: ResultTable = { rows: [] };

  const runGround = () =>
    flow.run(analysisText('groundHours'), async (progress) => {
      const parameters = form.read();
      const r = await runDeclared(ctx, { type: 'sunHours', ...parameters }, area.area(), variant(), progress);
      const hours = r.rasters.hours;
      await showOutput(ctx, 'sun-hours', 'sunHours', 'hours', hours, parameters, { exportId: 'sun-hours' });
      groundExports.replaceChildren(...exportButtons(r, { prefix: 'sun' }));
      return withProblems(`${analysisText('done')}: ${r.facts.date}, ${hours.width} × ${hours.height} m`, runProblems(r));
    });

  const runFacades = () => {
    if (flow.busy) return;
    const building = ctx.selectedBuilding();
    if (!building) {
      status.replaceChildren(el('p', { className: 'analysis-status', textContent: analysisText('selectBuilding') }));
      return;
    }
    return flow.run(analysisText('facades'), async (progress) => {
      const parameters = form.read();
      const name = `facades-${building.id.replace(/[^A-Za-z0-9_-]+/g, '_')}`;
      const r = await runDeclared(ctx, { type: 'facades', ...parameters, buildings: [building.id] }, visibleArea(ctx), variant(), progress);
      floors = r.tables.floors ?? { rows: [] };
      await drawFacadeFloors(ctx.viewer, floors, outputStyle('sunHours', 'hours', parameters).ramp);
      const failing = floors.rows.filter((f) => f.rightToLight !== true);
      const columns = columnsOf('facades', 'floors');
      results.replaceChildren(
        el('h3', { textContent: `${analysisText('failingFloors')} (${failing.length} / ${floors.rows.length})` }),
        failing.length
          ? outputTable(columns, failing, {
              keys: ['facade', 'floor', 'facing', 'hours', 'longestContinuousMinutes', 'totalMinutes'],
              className: 'analysis-table failing-floors',
            })
          : el('p', { textContent: analysisText('noneFailing') }),
        el('div', { className: 'analysis-buttons' }, ...exportButtons(r, { prefix: 'sun', files: { floors: name } })),
      );
      ctx.results.setTable(name, floors.rows);
      return withProblems(`${analysisText('done')}: ${floors.rows.length} ${analysisText('floor')}`, runProblems(r));
    });
  };

  const offClick = ctx.input.onClick((p) => {
    const i = facadeFloorIndexOf(p.picked);
    const f = i === null ? undefined : floors.rows[i];
    if (f) picked.textContent = floorText(f);
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
    groundExports,
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
