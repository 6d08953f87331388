// The Compare tab: the declared sunHours analysis without and with the proposals on the same area
// (compared in the worker: the difference map and the declared figures); for the selected building
// also the floors that lose right-to-light compliance (rightToLight) and the change of the visible
// target shares per floor from where it was clicked (targetShares).
import type { Row } from '../../../common/tableFormats.js';
import { runComparison, runProblems, withProblems } from './analysisRun.js';
import { button, el } from '../dom.js';
import type { AnalysisContext, ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { columnsOf, differenceStyle, figureTable, outputTable, showStyled } from './declaredOutputs.js';
import { runFlow } from './progressBar.js';
import { shownOverlays } from './rasterOverlay.js';
import { areaChoice, sunForm } from './sunPanel.js';
import { sharesTable } from './viewPanel.js';

/** The figures the summary shows, in order. */
const SUMMARY = ['meanHoursBefore', 'meanHoursAfter', 'largestLossHours', 'cellsLosingOneHourOrMore'];

export function comparePanel(ctx: AnalysisContext): ToolPanel {
  const form = sunForm('compare');
  const hint = el('p', { className: 'analysis-hint' });
  const area = areaChoice(ctx, 'compare', hint);
  const status = el('div', { className: 'analysis-status-box', id: 'compare-status' });
  const results = el('div', { id: 'compare-results' });
  const flow = runFlow(status, { cancelled: () => analysisText('cancelled') });

  const run = () => {
    if (flow.busy) return;
    if (!ctx.store.proposals.length) {
      status.replaceChildren(el('p', { className: 'analysis-status', textContent: analysisText('needProposals') }));
      return;
    }
    return flow.run(analysisText('tab.compare'), async (progress) => {
      const parameters = form.read();
      const where = area.area();
      const sun = await runComparison(ctx, { type: 'sunHours', ...parameters }, where, progress);
      const { before, after, difference } = sun.comparison.rasters.hours;
      const diff = difference!;
      // The map shows where the proposals change anything: unchanged cells stay clear (the exported
      // GeoTIFF keeps their zeros), and the plain sun-hours layer goes so the two do not mix.
      shownOverlays.get('sun-hours')?.remove();
      const changed = { ...diff, values: diff.values.map((v) => (Math.abs(v) < 1e-6 ? diff.noData : v)) };
      await showStyled(ctx, 'compare-difference', changed, differenceStyle(diff, { title: analysisText('difference'), unit: analysisText('hoursUnit') }));
      ctx.results.setRaster({ id: 'compare-before', label: `${analysisText('groundHours')} (before)`, grid: before });
      ctx.results.setRaster({ id: 'compare-after', label: `${analysisText('groundHours')} (after)`, grid: after });
      ctx.results.setRaster({ id: 'compare-difference', label: analysisText('difference'), grid: diff });
      const table: Row[] = Object.entries(sun.comparison.figures).map(([measure, value]) => ({ measure, value }));
      const parts: HTMLElement[] = [figureTable('sunHours', sun.comparison.figures, SUMMARY, 'analysis-table compare-summary')];
      const problems = [...runProblems(sun.before, sun.after)];

      const selected = ctx.selectedBuilding();
      if (selected) {
        progress.onProgress(1, 'facades');
        const rtl = await runComparison(ctx, { type: 'rightToLight', date: parameters.date, buildings: [selected.id] }, where, { signal: progress.signal });
        const floors = rtl.comparison.tables.floors;
        const lost = floors?.kind === 'joined' ? floors.table.rows.filter((r) => r.losesCompliance === true) : [];
        parts.push(
          el('h3', { textContent: `${analysisText('losingFloors')} — ${selected.id} (${lost.length})` }),
          lost.length
            ? outputTable(columnsOf('rightToLight', 'floors', true), lost, {
                keys: ['facade', 'floor', 'hoursBefore', 'hoursAfter'],
                className: 'analysis-table losing-floors',
              })
            : el('p', { textContent: analysisText('noneFailing') }),
        );
        for (const l of lost)
          table.push({
            measure: 'losesRightToLight',
            building: l.building,
            facade: l.facade,
            floor: l.floor,
            value: Number(l.hoursAfter) - Number(l.hoursBefore),
          });
        problems.push(...runProblems(rtl.before, rtl.after));

        const observer = ctx.selectedBuildingPoint();
        if (observer) {
          const shares = await runComparison(ctx, { type: 'targetShares', observer }, where, { signal: progress.signal });
          const joined = shares.comparison.tables.shares;
          if (joined?.kind === 'joined') {
            parts.push(el('h3', { textContent: analysisText('sharesChange') }), sharesTable(joined.table, true));
            const han = Object.keys(joined.table.rows[0] ?? {}).find((k) => /han/i.test(k) && k.endsWith(' change'));
            if (han) for (const r of joined.table.rows) table.push({ measure: 'hanRiverShareChange', building: selected.id, floor: r.floor, value: r[han] });
          }
          problems.push(...runProblems(shares.before, shares.after));
        }
      }
      ctx.results.setTable('compare', table);
      results.replaceChildren(...parts);
      return withProblems(analysisText('done'), [...new Set(problems)]);
    });
  };

  const element = el(
    'div',
    { id: 'compare-panel' },
    el('p', { className: 'analysis-hint', textContent: analysisText('compareHint') }),
    form.element,
    area.element,
    hint,
    el(
      'div',
      { className: 'analysis-buttons' },
      button(analysisText('run'), () => void run(), { id: 'compare-run' }),
    ),
    status,
    results,
  );
  return { element, destroy: () => ctx.input.cancel('compare') };
}
