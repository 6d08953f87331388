// The Compare tab: runs ground sunlight without and with the proposals on the same area and maps
// the difference; for the selected building also the floors that lose right-to-light compliance
// and the change of the visible Han River share per floor.
import { differenceGrid, gridStats } from '../../../workers/grid/cropGrid.js';
import type { FacadeSunResult } from '../../../workers/sun/facadeSun.js';
import { runAnalysis, runAnalysisSplit } from './analysisClient.js';
import { areaSurface, cropToArea } from './analysisArea.js';
import { button, el } from '../dom.js';
import { tableOf, type AnalysisContext, type ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { differenceRamp } from './colourRamp.js';
import { footprintById, loadFootprints } from './footprintSource.js';
import { errorText, isCancelled, startProgress } from './progressBar.js';
import { showRasterOverlay, shownOverlays } from './rasterOverlay.js';
import { areaChoice, sunForm } from './sunPanel.js';
import { sharesTable, viewTargets } from './viewPanel.js';
import type { Row } from '../../../common/tableFormats.js';

export function losingFloors(
  before: FacadeSunResult,
  after: FacadeSunResult,
): Array<{ building: string; facade: number; floor: number; hoursBefore: number; hoursAfter: number }> {
  const key = (f: { building: string; facade: number; floor: number }) => `${f.building}|${f.facade}|${f.floor}`;
  const a = new Map(after.floors.map((f) => [key(f), f]));
  return before.floors.flatMap((b) => {
    const f = a.get(key(b));
    return f && b.rightToLight.pass && !f.rightToLight.pass
      ? [{ building: b.building, facade: b.facade, floor: b.floor, hoursBefore: b.hours, hoursAfter: f.hours }]
      : [];
  });
}

export function comparePanel(ctx: AnalysisContext): ToolPanel {
  const form = sunForm('compare');
  const hint = el('p', { className: 'analysis-hint' });
  const area = areaChoice(ctx, 'compare', hint);
  const status = el('div', { className: 'analysis-status-box', id: 'compare-status' });
  const results = el('div', { id: 'compare-results' });
  let busy = false;

  const run = async () => {
    if (busy) return;
    if (!ctx.store.proposals.length) {
      status.replaceChildren(el('p', { className: 'analysis-status', textContent: analysisText('needProposals') }));
      return;
    }
    busy = true;
    const progress = startProgress(status, analysisText('tab.compare'));
    try {
      const s = form.read();
      const surface = await areaSurface(ctx, area.area(), true, progress.signal);
      const stage = (name: string, offset: number) => (f: number, st: string) => progress.onProgress(offset + f / 2, `${name} ${st}`);
      const before = await runAnalysisSplit('groundSunHours', { dsm: surface.before, ...s }, { signal: progress.signal, onProgress: stage('before', 0) });
      const after = await runAnalysisSplit(
        'groundSunHours',
        { dsm: surface.after ?? surface.before, ...s },
        { signal: progress.signal, onProgress: stage('after', 0.5) },
      );
      const b = cropToArea(surface, before.hours),
        a = cropToArea(surface, after.hours);
      const diff = differenceGrid(b, a);
      const sd = gridStats(diff),
        sb = gridStats(b),
        sa = gridStats(a);
      let losing1h = 0;
      for (const v of diff.values) if (v !== diff.noData && v <= -1 + 1e-6) losing1h++;
      // The map shows where the proposals change anything: unchanged cells stay clear (the exported
      // GeoTIFF keeps their zeros), and the plain sun-hours layer goes so the two do not mix.
      shownOverlays.get('sun-hours')?.remove();
      const shown = { ...diff, values: diff.values.map((v) => (Math.abs(v) < 1e-6 ? diff.noData : v)) };
      await showRasterOverlay(ctx.viewer, {
        id: 'compare-difference',
        grid: shown,
        ramp: differenceRamp(Math.max(1, Math.abs(sd.min), Math.abs(sd.max))),
        legend: { title: analysisText('difference'), unit: analysisText('hoursUnit') },
      });
      ctx.results.setRaster({ id: 'compare-before', label: `${analysisText('groundHours')} (before)`, grid: b });
      ctx.results.setRaster({ id: 'compare-after', label: `${analysisText('groundHours')} (after)`, grid: a });
      ctx.results.setRaster({ id: 'compare-difference', label: analysisText('difference'), grid: diff });
      const table: Row[] = [
        { measure: 'meanHoursBefore', value: sb.mean },
        { measure: 'meanHoursAfter', value: sa.mean },
        { measure: 'largestLossHours', value: -sd.min },
        { measure: 'cellsLosingOneHourOrMore', value: losing1h },
      ];
      const parts: HTMLElement[] = [
        tableOf(
          ['', ''],
          [
            [analysisText('meanBefore'), sb.mean],
            [analysisText('meanAfter'), sa.mean],
            ['Δ min', sd.min],
            [analysisText('cellsLosing1h'), losing1h],
          ],
          'analysis-table compare-summary',
        ),
      ];
      const selected = ctx.selectedBuilding();
      if (selected) {
        progress.onProgress(1, 'facades');
        const window = { date: s.date, startMinute: 8 * 60, endMinute: 16 * 60, stepMinutes: 10 };
        const fb = await runAnalysis('facadeSun', { buildUrl: ctx.cityBaseUrl, buildings: [selected.id], ...window }, { signal: progress.signal });
        const fa = await runAnalysis(
          'facadeSun',
          { buildUrl: ctx.cityBaseUrl, buildings: [selected.id], proposals: surface.prisms, ...window },
          { signal: progress.signal },
        );
        const lost = losingFloors(fb, fa);
        parts.push(
          el('h3', { textContent: `${analysisText('losingFloors')} — ${selected.id} (${lost.length})` }),
          lost.length
            ? tableOf(
                [analysisText('facade'), analysisText('floor'), 'h before', 'h after'],
                lost.map((l) => [l.facade, l.floor, l.hoursBefore, l.hoursAfter]),
                'analysis-table losing-floors',
              )
            : el('p', { textContent: analysisText('noneFailing') }),
        );
        for (const l of lost)
          table.push({ measure: 'losesRightToLight', building: l.building, facade: l.facade, floor: l.floor, value: l.hoursAfter - l.hoursBefore });
        const footprints = await loadFootprints(ctx.manifest, ctx.cityBaseUrl);
        const fp = footprints ? footprintById(footprints, selected.id) : null;
        if (fp) {
          const targets = await viewTargets(ctx);
          const input = { building: { ring: fp.ring, height: fp.height, floors: fp.floors || undefined }, targets };
          const tb = await runAnalysis('computeTargetShares', { dsm: surface.before, ...input }, { signal: progress.signal });
          const ta = await runAnalysis('computeTargetShares', { dsm: surface.after ?? surface.before, ...input }, { signal: progress.signal });
          parts.push(el('h3', { textContent: analysisText('hanChange') }), sharesTable(tb, ta));
          const han = tb.targets.findIndex((t) => /han/i.test(t));
          if (han >= 0)
            tb.rows.forEach((r, i) =>
              table.push({ measure: 'hanRiverShareChange', building: selected.id, floor: r.label, value: ta.rows[i].shares[han] - r.shares[han] }),
            );
        }
      }
      ctx.results.setTable('compare', table);
      results.replaceChildren(...parts);
      progress.done(`${analysisText('done')}${surface.problems.length ? ` — ${surface.problems.join('; ')}` : ''}`);
    } catch (err) {
      progress.done(isCancelled(err) ? analysisText('cancelled') : errorText(err));
    } finally {
      busy = false;
    }
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
