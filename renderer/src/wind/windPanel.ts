// The Wind tab: choose an area, the direction the wind comes from and its speed at 10 m, run the
// declared wind analysis (the 3D lattice-Boltzmann engine in the analysis worker) with progress,
// cancel and the residual per step, then show the pedestrian-level speed ratio raster with its legend, streamlines
// of the pedestrian wind, and the corridors (connected high-ratio paths across the area). The
// inflow can be taken from the S-DoT sensors' current wind readings near the area.
import { ArcType, Cartesian3, Color, ColorMaterialProperty, type Entity } from 'cesium';
import { rampColour, WIND_RATIO_RAMP } from '../../../common/analyses/colourRamps.js';
import type { WindParameters } from '../../../common/analyses/wind.js';
import { fromWgs84, toWgs84 } from '../../../common/crs.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { isInflowProblem, sdotInflow } from '../../../workers/wind/sdotInflow.js';
import { traceStreamlines } from '../../../workers/wind/streamlines.js';
import { drawRectangle, visibleArea } from '../analysis/analysisArea.js';
import { runDeclared, runProblems, type DeclaredRunResult } from '../analysis/analysisRun.js';
import { button, el } from '../dom.js';
import { field, numberInput, type AnalysisContext, type ToolPanel } from '../analysis/analysisContext.js';
import { columnsOf, exportButtons, outputTable, showOutput } from '../analysis/declaredOutputs.js';
import { runFlow } from '../analysis/progressBar.js';
import type { RasterOverlay } from '../analysis/rasterOverlay.js';
import { seoulDateTime } from '../sensors/sensorTime.js';
import { windText } from './windText.js';

/** The residual history (the declared series) as a small log-scale line chart. */
function residualChart(residuals: number[]): HTMLCanvasElement {
  const canvas = el('canvas', { id: 'wind-residuals', width: 240, height: 70 });
  const g = canvas.getContext('2d');
  if (!g || residuals.length < 2) return canvas;
  const logs = residuals.map((v) => Math.log10(Math.max(v, 1e-12)));
  const lo = Math.min(...logs),
    hi = Math.max(...logs);
  g.fillStyle = '#111a';
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.strokeStyle = '#7cf';
  g.beginPath();
  logs.forEach((v, i) => {
    const x = 4 + (i / (logs.length - 1)) * (canvas.width - 8);
    const y = 4 + (hi > lo ? (hi - v) / (hi - lo) : 0.5) * (canvas.height - 8);
    if (i) g.lineTo(x, y);
    else g.moveTo(x, y);
  });
  g.stroke();
  g.fillStyle = '#ddd';
  g.font = '10px sans-serif';
  g.fillText(`1e${hi.toFixed(1)}`, 6, 12);
  g.fillText(`1e${lo.toFixed(1)}`, 6, canvas.height - 6);
  return canvas;
}

export function windPanel(ctx: AnalysisContext): ToolPanel {
  const root = el('div', { id: 'wind-panel' });
  const hint = el('p', { className: 'analysis-hint', id: 'wind-hint' });
  const status = el('div', { id: 'wind-status' });
  const results = el('div', { id: 'wind-results' });
  let ratioOverlay: RasterOverlay | null = null;
  let corridorOverlay: RasterOverlay | null = null;
  let lines: Entity[] = [];
  let last: DeclaredRunResult | null = null;
  const flow = runFlow(status, { cancelled: () => windText('cancelled'), failed: (m) => `${windText('failed')} ${m}` });

  const areaSelect = el(
    'select',
    { id: 'wind-area' },
    el('option', { value: 'visible', textContent: windText('areaVisible') }),
    el('option', { value: 'draw', textContent: windText('areaDraw') }),
  );
  const direction = numberInput('wind-direction', 270, 0, 359, 5);
  const speed = numberInput('wind-speed', 5, 0.5, 40, 0.5);
  const inflowSelect = el(
    'select',
    { id: 'wind-inflow' },
    el('option', { value: 'entered', textContent: windText('inflowEntered') }),
    el('option', { value: 'sdot', textContent: windText('inflowSdot') }),
  );
  const inflowNote = el('p', { className: 'analysis-hint', id: 'wind-inflow-note' });
  const cellSelect = el('select', { id: 'wind-cell' }, ...[2, 4, 8].map((c) => el('option', { value: String(c), textContent: `${c} m`, selected: c === 8 })));
  const height = numberInput('wind-height', 120, 40, 400, 10);
  const threshold = numberInput('wind-corridor-threshold', 0.4, 0.1, 1.5, 0.05);

  const clearLines = () => {
    for (const e of lines) ctx.viewer.entities.remove(e);
    lines = [];
  };

  const drawStreamlines = (r: DeclaredRunResult) => {
    clearLines();
    const { ratio, east, north } = r.rasters;
    for (const s of traceStreamlines(ratio, east.values, north.values, { seedEvery: Math.max(3, Math.round(ratio.width / 24)) })) {
      const positions: Cartesian3[] = [];
      for (let i = 0; i < s.points.length; i += 2) {
        const [lon, lat] = toWgs84('EPSG:5186', s.points[i], s.points[i + 1]);
        positions.push(Cartesian3.fromDegrees(lon, lat));
      }
      const [cr, cg, cb] = rampColour(WIND_RATIO_RAMP, s.meanRatio);
      lines.push(
        ctx.viewer.entities.add({
          polyline: {
            positions,
            width: 2,
            clampToGround: true,
            arcType: ArcType.GEODESIC,
            material: new ColorMaterialProperty(Color.fromBytes(cr, cg, cb, 255).brighten(0.3, new Color())),
          },
        }),
      );
    }
    ctx.viewer.scene.requestRender();
  };

  const run = () =>
    flow.run(windText('simulating'), async (progress) => {
      const started = performance.now();
      const area = areaSelect.value === 'draw' ? await drawRectangle(ctx, 'wind', hint) : visibleArea(ctx);
      if (!area) throw new Error('no area');
      if (inflowSelect.value === 'sdot') takeSdotInflow(area);
      const parameters: WindParameters = {
        directionDeg: Number(direction.value),
        speed: Number(speed.value),
        cellSize: Number(cellSelect.value),
        height: Number(height.value),
        corridorThreshold: Number(threshold.value),
      };
      const r = await runDeclared(ctx, { type: 'wind', ...parameters }, area, 'after', progress);
      last = r;
      await showResult(r, parameters);
      const f = r.facts;
      return windText('summary', {
        steps: f.steps,
        state: f.steadiness === 'steady' ? windText('converged') : f.steadiness === 'statistical' ? windText('statistical') : windText('notConverged'),
        res: Number(f.lastResidual ?? 0).toExponential(2),
        nx: f.nx,
        ny: f.ny,
        nz: f.nz,
        mlups: Number(f.mlups).toFixed(1),
        s: ((performance.now() - started) / 1000).toFixed(0),
      });
    });

  /** Fills direction and speed from the S-DoT layer's current readings, or stops the run saying why. */
  const takeSdotInflow = (area: ScenarioArea) => {
    inflowNote.textContent = '';
    const snap = ctx.sdot();
    if (!snap) throw new Error(windText('sdotNotLoaded'));
    const corners = [
      fromWgs84('EPSG:5186', area.west, area.south),
      fromWgs84('EPSG:5186', area.east, area.north),
      fromWgs84('EPSG:5186', area.west, area.north),
      fromWgs84('EPSG:5186', area.east, area.south),
    ];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    const r = sdotInflow(snap.sites, snap.readings, { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) });
    if (isInflowProblem(r))
      throw new Error(r.problem === 'no-sites' ? windText('sdotNoSites', { m: r.marginM }) : windText('sdotNoWind', { sites: r.sites, zero: r.zero }));
    direction.value = String(Math.round(r.directionDeg) % 360);
    speed.value = r.speed.toFixed(1);
    inflowNote.textContent = windText('sdotUsed', {
      mode: windText(snap.mode),
      n: r.used.length,
      sites: r.sites,
      from: seoulDateTime(Date.parse(r.from)),
      to: seoulDateTime(Date.parse(r.to)),
      speed: r.speed.toFixed(1),
      dir: Math.round(r.directionDeg) % 360,
      steady: r.steadiness.toFixed(2),
      zero: r.zero ? windText('sdotZero', { zero: r.zero }) : '',
    });
  };

  const showResult = async (r: DeclaredRunResult, parameters: WindParameters) => {
    ratioOverlay = await showOutput(ctx, 'wind-ratio', 'wind', 'ratio', r.rasters.ratio, parameters, { exportId: 'wind-ratio' });
    corridorOverlay = await showOutput(ctx, 'wind-corridors', 'wind', 'corridors', r.rasters.corridors, parameters);
    drawStreamlines(r);

    const toggle = (label: string, id: string, initial: boolean, set: (on: boolean) => void) => {
      const box = el('input', { type: 'checkbox', id, checked: initial });
      box.addEventListener('change', () => set(box.checked));
      return el('label', { className: 'analysis-check' }, box, ` ${label}`);
    };
    const corridors = r.tables.corridorList?.rows ?? [];
    results.replaceChildren(
      el(
        'div',
        { className: 'analysis-row' },
        toggle(windText('ratio'), 'wind-show-ratio', true, (on) => ratioOverlay?.setVisible(on)),
        toggle(windText('corridors'), 'wind-show-corridors', true, (on) => corridorOverlay?.setVisible(on)),
        toggle(windText('streamlines'), 'wind-show-streamlines', true, (on) => {
          for (const e of lines) e.show = on;
          ctx.viewer.scene.requestRender();
        }),
      ),
      el(
        'div',
        { className: 'analysis-row' },
        ...exportButtons(r, { prefix: 'wind', ids: { 'ratio.geotiff': 'wind-export-ratio' }, files: { ratio: 'wind-pedestrian-ratio' } }),
      ),
      el('h4', { textContent: windText('residuals') }),
      residualChart(r.series.residuals?.y ?? []),
      el('h4', { textContent: windText('corridorRows', { n: corridors.length, t: String(parameters.corridorThreshold) }) }),
      outputTable(columnsOf('wind', 'corridorList'), corridors, { limit: 10 }),
      ...runProblems(r).map((w) => el('p', { className: 'analysis-hint', textContent: `${windText('warning')} ${w}` })),
    );
  };

  root.append(
    el('h3', { textContent: windText('title') }),
    field(windText('area'), areaSelect),
    field(windText('direction'), direction),
    field(windText('speed'), speed),
    field(windText('inflow'), inflowSelect),
    inflowNote,
    field(windText('cell'), cellSelect),
    field(windText('height'), height),
    field(windText('threshold'), threshold),
    button(windText('run'), () => void run(), { id: 'wind-run' }),
    hint,
    status,
    results,
  );
  // For the e2e check of the last run (read through the page, never mutated there).
  (root as HTMLElement & { windResult?: () => unknown }).windResult = () =>
    last && { ratio: last.rasters.ratio, residuals: last.series.residuals?.y ?? [], corridors: last.tables.corridorList?.rows ?? [] };
  return {
    element: root,
    destroy() {
      ctx.input.cancel('wind');
      clearLines();
      ctx.viewer.scene.requestRender();
    },
  };
}
