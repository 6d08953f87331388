// The Flood tab: rainfall flooding of an area (local-inertial simulation in the analysis worker)
// with an animated depth raster and time slider, maximum depth, flooded buildings and the
// semi-basement homes assumed exposed; and river flooding as a connected fill from the build's
// water layers. Exports: GeoTIFF (max depth, arrival) and CSV/GeoJSON (flooded buildings).
import type { FootprintsFile, GroundLayerInfo } from '../../../common/buildFormat.js';
import { loadFootprints } from '../analysis/footprintSource.js';
import type { RainFloodResult } from '../../../workers/flood/rainFlood.js';
import type { ConnectedFillResult, WaterGeometry } from '../../../workers/flood/connectedFill.js';
import { constantRain, parseHyetographCsv, type Rainfall } from '../../../workers/flood/hyetograph.js';
import { cropGrid } from '../../../workers/grid/cropGrid.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { runAnalysis } from '../analysis/analysisClient.js';
import { areaSurface, drawRectangle, visibleArea } from '../analysis/analysisArea.js';
import { button, el } from '../dom.js';
import { field, numberInput, tableOf, type AnalysisContext, type ToolPanel } from '../analysis/analysisContext.js';
import type { ColourRamp } from '../analysis/colourRamp.js';
import { exportCsv, exportGeoJson, exportGeoTiff } from '../analysis/exports.js';
import { errorText, isCancelled, startProgress } from '../analysis/progressBar.js';
import { showRasterOverlay, type RasterOverlay } from '../analysis/rasterOverlay.js';
import type { Row } from '../../../common/tableFormats.js';
import { cityFileUrl } from '../cityUrl.js';
import { floodText } from './floodText.js';

/** Depths below this are not drawn (a wet film everywhere would hide the map). */
const DRAW_MIN_DEPTH = 0.02;

/** Water depth (m): the Flood tab's ramp, also the kiosk's flood result (analysis/resultLayers.ts). */
export const DEPTH_RAMP: ColourRamp = {
  stops: [
    { value: DRAW_MIN_DEPTH, colour: [170, 220, 255] },
    { value: 0.2, colour: [80, 160, 240] },
    { value: 0.5, colour: [30, 90, 210] },
    { value: 1, colour: [20, 40, 150] },
    { value: 2, colour: [60, 0, 90] },
  ],
  alpha: 200,
};

function arrivalRamp(maxMinutes: number): ColourRamp {
  const m = Math.max(maxMinutes, 1);
  return {
    stops: [
      { value: 0, colour: [200, 20, 20] },
      { value: m / 2, colour: [250, 170, 40] },
      { value: m, colour: [250, 240, 160] },
    ],
    alpha: 200,
  };
}

/** A depth grid for drawing: thin films and walls become no-data. */
function drawable(result: RainFloodResult, depths: Float32Array): RasterGrid {
  const values = new Float32Array(depths.length);
  for (let k = 0; k < depths.length; k++) values[k] = depths[k] >= DRAW_MIN_DEPTH ? depths[k] : result.noData;
  return {
    values,
    width: result.width,
    height: result.height,
    cellSize: result.cellSize,
    originX: result.originX,
    originY: result.originY,
    noData: result.noData,
  };
}

function resultGrid(result: RainFloodResult, values: Float32Array): RasterGrid {
  return {
    values,
    width: result.width,
    height: result.height,
    cellSize: result.cellSize,
    originX: result.originX,
    originY: result.originY,
    noData: result.noData,
  };
}

/** A connected fill's depth as a grid. */
export function fillDepthGrid(r: ConnectedFillResult): RasterGrid {
  return { values: r.depth, width: r.width, height: r.height, cellSize: r.cellSize, originX: r.originX, originY: r.originY, noData: r.noData };
}

/** The build's water and waterway geometries: the seeds of a river fill. */
export async function loadWater(ctx: Pick<AnalysisContext, 'manifest' | 'cityBaseUrl'>): Promise<WaterGeometry[]> {
  const layers = ctx.manifest.layers.filter((l: GroundLayerInfo) => l.id === 'water' || l.id === 'waterways');
  const all = await Promise.all(
    layers.map(async (l) => {
      const r = await fetch(cityFileUrl(ctx.cityBaseUrl, ctx.manifest, l.path));
      if (!r.ok) throw new Error(`${l.id} (${l.path}): HTTP ${r.status}`);
      const fc = (await r.json()) as { features: Array<{ geometry: WaterGeometry | null }> };
      return fc.features.map((f) => f.geometry).filter((g): g is WaterGeometry => g !== null);
    }),
  );
  return all.flat();
}

/** The area's surface model (proposals burnt in, their outlines as walls), cut to the area. */
async function floodSurface(ctx: AnalysisContext, drawn: boolean, hint: HTMLElement, signal?: AbortSignal) {
  const area = drawn ? await drawRectangle(ctx, 'flood', hint) : visibleArea(ctx);
  if (!area) throw new Error('no area');
  const s = await areaSurface(ctx, area, true, signal);
  const grid = s.after ?? s.before;
  // The flood runs on the area itself: water from outside it is not modelled (edges are open).
  const surface = cropGrid(grid, s.bounds.minX, s.bounds.minY, s.bounds.maxX, s.bounds.maxY) ?? grid;
  return { surface, walls: s.prisms.map((p) => p.ring), problems: s.problems };
}

export function floodPanel(ctx: AnalysisContext): ToolPanel {
  const root = el('div', { id: 'flood-panel' });
  const hint = el('p', { className: 'analysis-hint', id: 'flood-hint' });
  const status = el('div', { id: 'flood-status' });
  const results = el('div', { id: 'flood-results' });
  let overlay: RasterOverlay | null = null;
  /** The depth animation's timer, while it plays. */
  let playing: number | null = null;
  const stopPlaying = () => {
    if (playing !== null) clearInterval(playing);
    playing = null;
  };

  // --- Inputs ---
  const areaSelect = el(
    'select',
    { id: 'flood-area' },
    el('option', { value: 'visible', textContent: floodText('areaVisible') }),
    el('option', { value: 'draw', textContent: floodText('areaDraw') }),
  );
  const cellSelect = el('select', { id: 'flood-cell' }, ...[1, 2, 4].map((f) => el('option', { value: String(f), textContent: `${f} m`, selected: f === 2 })));
  const modeSelect = el(
    'select',
    { id: 'flood-rain-mode' },
    el('option', { value: 'constant', textContent: floodText('constant') }),
    el('option', { value: 'csv', textContent: floodText('csv') }),
  );
  const intensity = numberInput('flood-intensity', 100, 0, 400, 1);
  const duration = numberInput('flood-duration', 1, 0.25, 24, 0.25);
  const csvInput = el('input', { type: 'file', id: 'flood-csv', accept: '.csv,text/csv' });
  const drainage = numberInput('flood-drainage', 95, 0, 400, 5);
  const simHours = numberInput('flood-sim-hours', 1.5, 0.25, 48, 0.25);
  const csvRow = field(floodText('csvFile'), csvInput);
  const constRows = [field(floodText('intensity'), intensity), field(floodText('duration'), duration)];
  const syncMode = () => {
    const csv = modeSelect.value === 'csv';
    // style, not `hidden`: the field rows are display: grid, which wins over the attribute.
    csvRow.style.display = csv ? '' : 'none';
    for (const r of constRows) r.style.display = csv ? 'none' : '';
  };
  modeSelect.addEventListener('change', syncMode);
  syncMode();

  const readRain = async (): Promise<Rainfall> => {
    if (modeSelect.value !== 'csv') return constantRain(Number(intensity.value), Number(duration.value) * 3600);
    const file = csvInput.files?.[0];
    if (!file) throw new Error(floodText('noCsv'));
    return parseHyetographCsv(await file.text(), file.name);
  };

  const showDepth = async (grid: RasterGrid, title: string) => {
    // Same legend: swap the image only; another title (max depth vs a time step): a new overlay.
    if (overlay && overlay.legend.title === title && overlay.ramp === DEPTH_RAMP) await overlay.update(grid);
    else overlay = await showRasterOverlay(ctx.viewer, { id: 'flood-depth', grid, ramp: DEPTH_RAMP, legend: { title, unit: 'm' } });
  };

  const runRain = async () => {
    const progress = startProgress(status, floodText('simulating'));
    try {
      const rain = await readRain();
      const { surface, walls } = await floodSurface(ctx, areaSelect.value === 'draw', hint, progress.signal);
      const footprints = await loadFootprints(ctx.manifest, ctx.cityBaseUrl);
      const result = await runAnalysis(
        'simulateRainFlood',
        {
          surface,
          buildings: footprints ?? undefined,
          wallRings: walls,
          rain,
          drainageMmPerHour: Number(drainage.value),
          durationSeconds: Number(simHours.value) * 3600,
          coarsen: Number(cellSelect.value),
          snapshotIntervalSeconds: 300,
        },
        { onProgress: progress.onProgress, signal: progress.signal },
      );
      const b = result.budget;
      const round = (v: number) => Math.round(v).toLocaleString();
      progress.done(
        floodText('summary', {
          steps: result.steps,
          err: b.relativeError.toExponential(1),
          rain: round(b.rainIn),
          drained: round(b.drained),
          out: round(b.outflow),
          stored: round(b.stored),
        }),
      );
      await showRainResult(result, footprints);
    } catch (err) {
      progress.done(isCancelled(err) ? floodText('cancelled') : `${floodText('failed')} ${errorText(err)}`);
    }
  };

  const showRainResult = async (result: RainFloodResult, footprints: FootprintsFile | null) => {
    stopPlaying(); // an animation of an earlier result
    await showDepth(drawable(result, result.maxDepth), floodText('maxDepth'));
    const n = result.width * result.height;
    const slider = el('input', {
      type: 'range',
      id: 'flood-time',
      min: '0',
      max: String(result.snapshotTimes.length),
      value: String(result.snapshotTimes.length),
      step: '1',
    });
    const timeLabel = el('span', { id: 'flood-time-label', textContent: floodText('maxDepth') });
    const showFrame = async (i: number) => {
      if (i >= result.snapshotTimes.length) {
        timeLabel.textContent = floodText('maxDepth');
        await showDepth(drawable(result, result.maxDepth), floodText('maxDepth'));
        return;
      }
      timeLabel.textContent = `${floodText('time')} ${Math.round(result.snapshotTimes[i] / 60)} ${floodText('minutes')}`;
      await showDepth(drawable(result, result.snapshots.subarray(i * n, (i + 1) * n)), floodText('depth'));
    };
    slider.addEventListener('input', () => void showFrame(Number(slider.value)));
    const play = button(
      '▶',
      () => {
        if (playing !== null) return stopPlaying();
        let i = 0;
        playing = window.setInterval(() => {
          slider.value = String(i);
          void showFrame(i);
          if (++i > result.snapshotTimes.length) stopPlaying();
        }, 700);
      },
      { id: 'flood-play' },
    );

    let maxMinutes = 0;
    for (const a of result.arrivalSeconds) if (a !== result.noData && a / 60 > maxMinutes) maxMinutes = a / 60;
    const arrivalMinutes = new Float32Array(result.arrivalSeconds.length);
    result.arrivalSeconds.forEach((a, k) => (arrivalMinutes[k] = a === result.noData ? result.noData : a / 60));
    const showArrival = button(
      floodText('arrival'),
      () => {
        void showRasterOverlay(ctx.viewer, {
          id: 'flood-depth',
          grid: resultGrid(result, arrivalMinutes),
          ramp: arrivalRamp(maxMinutes),
          legend: { title: floodText('arrival'), unit: floodText('minutes') },
        }).then((o) => (overlay = o));
      },
      { id: 'flood-show-arrival' },
    );

    const rows = result.buildings
      .slice(0, 200)
      .map((b) => [
        b.name || b.id,
        b.use,
        b.maxDepth,
        b.arrivalSeconds < 0 ? '' : Math.round(b.arrivalSeconds / 60),
        b.semiBasement === 'assumed' ? floodText('semiBasement') : '',
      ]);
    const semi = result.buildings.filter((b) => b.semiBasement === 'assumed').length;
    const tableRows = (): Row[] =>
      result.buildings.map((b) => ({
        id: b.id,
        name: b.name,
        use: b.use,
        floors: b.floors,
        max_depth_m: b.maxDepth,
        arrival_min: b.arrivalSeconds < 0 ? null : Math.round(b.arrivalSeconds / 60),
        semi_basement: b.semiBasement,
      }));
    const ring = (i: number) => {
      if (!footprints) return null;
      const coords: number[][] = [];
      for (let v = footprints.offsets[i]; v < footprints.offsets[i + 1]; v++) coords.push([footprints.lonLat[2 * v], footprints.lonLat[2 * v + 1]]);
      return { type: 'Polygon' as const, coordinates: [coords] };
    };
    ctx.results.setRaster({ id: 'flood-max-depth', label: floodText('maxDepth'), grid: resultGrid(result, result.maxDepth) });
    ctx.results.setTable('flooded-buildings', tableRows());
    results.replaceChildren(
      el('div', { className: 'analysis-row' }, play, slider, timeLabel),
      el(
        'div',
        { className: 'analysis-row' },
        showArrival,
        button(floodText('exportMax'), () => exportGeoTiff(resultGrid(result, result.maxDepth), 'flood-max-depth.tif'), { id: 'flood-export-max' }),
        button(floodText('exportArrival'), () => exportGeoTiff(resultGrid(result, result.arrivalSeconds), 'flood-arrival-seconds.tif'), {
          id: 'flood-export-arrival',
        }),
        button(floodText('exportCsv'), () => exportCsv(tableRows(), 'flooded-buildings.csv'), { id: 'flood-export-csv' }),
        button(
          floodText('exportGeoJson'),
          () =>
            exportGeoJson(
              result.buildings.map((b, i) => ({ geometry: ring(b.index), properties: tableRows()[i] })),
              'flooded-buildings.geojson',
            ),
          { id: 'flood-export-geojson' },
        ),
      ),
      el('h4', { textContent: `${floodText('flooded', { t: result.floodThresholdM })}: ${result.buildings.length} (${floodText('semiBasement')}: ${semi})` }),
      el('p', { className: 'analysis-hint', textContent: floodText('semiHint') }),
      tableOf([floodText('name'), floodText('use'), floodText('depthM'), floodText('arrivalMin'), ''], rows),
    );
  };

  // --- River flooding ---
  const level = numberInput('flood-level', 40, -10, 500, 0.5);
  const riverStatus = el('div', { id: 'flood-river-status' });
  const runRiver = async () => {
    const progress = startProgress(riverStatus, floodText('filling'));
    try {
      const water = await loadWater(ctx);
      if (water.length === 0) throw new Error(floodText('noWater'));
      const { surface } = await floodSurface(ctx, areaSelect.value === 'draw', hint, progress.signal);
      const r = await runAnalysis(
        'fillConnected',
        { surface, level: Number(level.value), water },
        { onProgress: progress.onProgress, signal: progress.signal },
      );
      progress.done(
        floodText('fillResult', {
          cells: r.filledCells,
          area: Math.round(r.area).toLocaleString(),
          volume: Math.round(r.volume).toLocaleString(),
          above: r.seedsAboveLevel,
        }),
      );
      const grid = fillDepthGrid(r);
      ctx.results.setRaster({ id: 'flood-river-depth', label: floodText('lakeDepth'), grid });
      overlay = await showRasterOverlay(ctx.viewer, { id: 'flood-depth', grid, ramp: DEPTH_RAMP, legend: { title: floodText('lakeDepth'), unit: 'm' } });
    } catch (err) {
      progress.done(isCancelled(err) ? floodText('cancelled') : `${floodText('failed')} ${errorText(err)}`);
    }
  };

  root.append(
    el('h3', { textContent: floodText('rainTitle') }),
    field(floodText('area'), areaSelect),
    field(floodText('cell'), cellSelect),
    field(floodText('rainMode'), modeSelect),
    ...constRows,
    csvRow,
    field(floodText('drainage'), drainage),
    field(floodText('simulate'), simHours),
    button(floodText('run'), () => void runRain(), { id: 'flood-run' }),
    hint,
    status,
    results,
    el('h3', { textContent: floodText('riverTitle') }),
    field(floodText('level'), level),
    button(floodText('fill'), () => void runRiver(), { id: 'flood-fill' }),
    riverStatus,
  );
  return {
    element: root,
    destroy() {
      ctx.input.cancel('flood');
      stopPlaying();
    },
  };
}
