// The Wind tab: choose an area, the direction the wind comes from and its speed at 10 m, run the
// 3D lattice-Boltzmann engine (simulateWind, in the analysis worker) with progress, cancel and the
// residual per step, then show the pedestrian-level speed ratio raster with its legend, streamlines
// of the pedestrian wind, and the corridors (connected high-ratio paths across the area). The
// inflow can be taken from the S-DoT sensors' current wind readings near the area.
import { ArcType, Cartesian3, Color, ColorMaterialProperty, type Entity } from 'cesium';
import { toWgs84 } from '../../../common/crs.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { traceStreamlines } from '../../../workers/wind/streamlines.js';
import type { WindResult } from '../../../workers/wind/windEngine.js';
import { runAnalysis } from '../analysis/analysisClient.js';
import { areaSurface, drawRectangle, visibleArea } from '../analysis/analysisArea.js';
import { button, el } from '../dom.js';
import { field, numberInput, tableOf, type AnalysisContext, type ToolPanel } from '../analysis/analysisContext.js';
import { rampColour, type ColourRamp } from '../analysis/colourRamp.js';
import { exportGeoTiff } from '../analysis/exports.js';
import { errorText, isCancelled, startProgress } from '../analysis/progressBar.js';
import { showRasterOverlay, type RasterOverlay } from '../analysis/rasterOverlay.js';
import { windText } from './windText.js';
import { fromWgs84 } from '../../../common/crs.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { isInflowProblem, sdotInflow } from '../../../workers/wind/sdotInflow.js';
import { seoulDateTime } from '../sensors/sensorTime.js';

const RATIO_RAMP: ColourRamp = {
  stops: [
    { value: 0, colour: [40, 60, 150] },
    { value: 0.2, colour: [60, 160, 200] },
    { value: 0.4, colour: [120, 200, 110] },
    { value: 0.6, colour: [250, 220, 60] },
    { value: 0.8, colour: [245, 130, 40] },
    { value: 1.1, colour: [200, 20, 40] },
  ],
  alpha: 170,
};
const CORRIDOR_RAMP: ColourRamp = { stops: [{ value: 1, colour: [230, 0, 230] }], alpha: 200, classes: true };

/** The residual history as a small log-scale line chart. */
function residualChart(r: WindResult): HTMLCanvasElement {
  const canvas = el('canvas', { id: 'wind-residuals', width: 240, height: 70 });
  const g = canvas.getContext('2d');
  if (!g || r.residuals.length < 2) return canvas;
  const logs = [...r.residuals].map((v) => Math.log10(Math.max(v, 1e-12)));
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
  let last: WindResult | null = null;

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

  const drawStreamlines = (r: WindResult) => {
    clearLines();
    for (const s of traceStreamlines(r.ratio, r.east, r.north, { seedEvery: Math.max(3, Math.round(r.ratio.width / 24)) })) {
      const positions: Cartesian3[] = [];
      for (let i = 0; i < s.points.length; i += 2) {
        const [lon, lat] = toWgs84('EPSG:5186', s.points[i], s.points[i + 1]);
        positions.push(Cartesian3.fromDegrees(lon, lat));
      }
      const [cr, cg, cb] = rampColour(RATIO_RAMP, s.meanRatio);
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

  const run = async () => {
    const progress = startProgress(status, windText('simulating'));
    try {
      const area = areaSelect.value === 'draw' ? await drawRectangle(ctx, 'wind', hint) : visibleArea(ctx);
      if (!area) throw new Error('no area');
      if (inflowSelect.value === 'sdot') takeSdotInflow(area);
      const s = await areaSurface(ctx, area, true, progress.signal);
      const r = await runAnalysis(
        'simulateWind',
        {
          dsm: s.after ?? s.before,
          area: s.bounds,
          directionDeg: Number(direction.value),
          speed: Number(speed.value),
          cellSize: Number(cellSelect.value),
          height: Number(height.value),
          corridorThreshold: Number(threshold.value),
        },
        { onProgress: progress.onProgress, signal: progress.signal },
      );
      last = r;
      progress.done(
        windText('summary', {
          steps: r.steps,
          state: r.steadiness === 'steady' ? windText('converged') : r.steadiness === 'statistical' ? windText('statistical') : windText('notConverged'),
          res: (r.residuals.at(-1) ?? 0).toExponential(2),
          nx: r.lattice.nx,
          ny: r.lattice.ny,
          nz: r.lattice.nz,
          mlups: r.mlups.toFixed(1),
          s: r.seconds.toFixed(0),
        }),
      );
      await showResult(r);
    } catch (err) {
      progress.done(isCancelled(err) ? windText('cancelled') : `${windText('failed')} ${errorText(err)}`);
    }
  };

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

  const showResult = async (r: WindResult) => {
    ratioOverlay = await showRasterOverlay(ctx.viewer, {
      id: 'wind-ratio',
      grid: r.ratio,
      ramp: RATIO_RAMP,
      legend: { title: windText('ratio'), unit: windText('ratioUnit') },
    });
    const corridorGrid: RasterGrid = { ...r.ratio, values: Float32Array.from(r.corridorLabel, (l) => (l > 0 ? 1 : r.ratio.noData)) };
    corridorOverlay = await showRasterOverlay(ctx.viewer, {
      id: 'wind-corridors',
      grid: corridorGrid,
      ramp: CORRIDOR_RAMP,
      legend: { title: windText('corridors'), unit: '' },
      classLabels: [windText('corridor')],
    });
    drawStreamlines(r);
    ctx.results.setRaster({ id: 'wind-ratio', label: windText('ratio'), grid: r.ratio });

    const toggle = (label: string, id: string, initial: boolean, set: (on: boolean) => void) => {
      const box = el('input', { type: 'checkbox', id, checked: initial });
      box.addEventListener('change', () => set(box.checked));
      return el('label', { className: 'analysis-check' }, box, ` ${label}`);
    };
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
        button(windText('exportRatio'), () => exportGeoTiff(r.ratio, 'wind-pedestrian-ratio.tif'), { id: 'wind-export-ratio' }),
      ),
      el('h4', { textContent: windText('residuals') }),
      residualChart(r),
      el('h4', { textContent: windText('corridorRows', { n: r.corridors.length, t: threshold.value }) }),
      tableOf(
        [windText('corridor'), windText('sides'), windText('cells'), windText('mean')],
        r.corridors.slice(0, 10).map((c) => [c.id, c.sides.join(', '), c.cells, c.meanRatio.toFixed(2)]),
      ),
      ...r.warnings.map((w) => el('p', { className: 'analysis-hint', textContent: `${windText('warning')} ${w}` })),
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
  (root as HTMLElement & { windResult?: () => WindResult | null }).windResult = () => last;
  return {
    element: root,
    destroy() {
      ctx.input.cancel('wind');
      clearLines();
      ctx.viewer.scene.requestRender();
    },
  };
}
