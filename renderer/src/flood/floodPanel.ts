// The Flood tab: rainfall flooding of an area (the declared rainFlood analysis: local-inertial
// simulation in the analysis worker) with an animated depth raster and time slider, maximum depth,
// arrival time, flooded buildings and the semi-basement homes assumed exposed; and river flooding as
// a connected fill from the build's water layers (riverFill). The exports are the declared ones.
import type { RainFloodParameters } from '../../../common/analyses/rainFlood.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { Row } from '../../../common/tableFormats.js';
import { parseHyetographCsv } from '../../../workers/flood/hyetograph.js';
import { drawRectangle, visibleArea } from '../analysis/analysisArea.js';
import { runDeclared, runProblems, withProblems, type DeclaredRunResult } from '../analysis/analysisRun.js';
import { button, el } from '../dom.js';
import { field, numberInput, type AnalysisContext, type ToolPanel } from '../analysis/analysisContext.js';
import { columnsOf, drawnGrid, exportButtons, outputStyle, outputTable, showOutput, showStyled } from '../analysis/declaredOutputs.js';
import { runFlow } from '../analysis/progressBar.js';
import type { RasterOverlay } from '../analysis/rasterOverlay.js';
import { floodText } from './floodText.js';

/** The Flood tab's export buttons: the ids and file names it has always had. */
const EXPORT_NAMES = {
  prefix: 'flood',
  ids: {
    'maxDepth.geotiff': 'flood-export-max',
    'arrival.geotiff': 'flood-export-arrival',
    'floodedBuildings.csv': 'flood-export-csv',
    'floodedBuildings.geojson': 'flood-export-geojson',
  },
  files: { floodedBuildings: 'flooded-buildings' },
};

export function floodPanel(ctx: AnalysisContext): ToolPanel {
  const root = el('div', { id: 'flood-panel' });
  const hint = el('p', { className: 'analysis-hint', id: 'flood-hint' });
  const status = el('div', { id: 'flood-status' });
  const results = el('div', { id: 'flood-results' });
  const riverStatus = el('div', { id: 'flood-river-status' });
  const messages = { cancelled: () => floodText('cancelled'), failed: (m: string) => `${floodText('failed')} ${m}` };
  const rainFlow = runFlow(status, messages);
  const riverFlow = runFlow(riverStatus, messages);
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

  /** The rain: constant, or the uploaded hourly hyetograph. */
  const readRain = async (): Promise<Pick<RainFloodParameters, 'rainMmPerHour' | 'rainHours' | 'hourlyRain'>> => {
    if (modeSelect.value !== 'csv') return { rainMmPerHour: Number(intensity.value), rainHours: Number(duration.value) };
    const file = csvInput.files?.[0];
    if (!file) throw new Error(floodText('noCsv'));
    return { hourlyRain: parseHyetographCsv(await file.text(), file.name).ratesMmPerHour };
  };

  const readArea = async (): Promise<ScenarioArea> => {
    const area = areaSelect.value === 'draw' ? await drawRectangle(ctx, 'flood', hint) : visibleArea(ctx);
    if (!area) throw new Error('no area');
    return area;
  };

  /** A depth grid in the depth legend: the image swaps under the same title, another title makes a new overlay. */
  const showDepth = async (grid: RasterGrid, output: 'maxDepth' | 'depthOverTime', parameters: RainFloodParameters) => {
    const style = outputStyle('rainFlood', output, parameters);
    if (overlay && overlay.legend.title === style.legend.title && overlay.ramp === style.ramp) await overlay.update(drawnGrid(grid, style.drawMin));
    else overlay = await showStyled(ctx, 'flood-depth', grid, style);
  };

  const runRain = () =>
    rainFlow.run(floodText('simulating'), async (progress) => {
      const parameters: RainFloodParameters = {
        ...(await readRain()),
        drainageMmPerHour: Number(drainage.value),
        simulateHours: Number(simHours.value),
        cellSize: Number(cellSelect.value),
        snapshotMinutes: 5,
      };
      const r = await runDeclared(ctx, { type: 'rainFlood', ...parameters }, await readArea(), 'after', progress);
      const f = r.facts;
      const round = (v: string | number | undefined) => Math.round(Number(v)).toLocaleString();
      await showRainResult(r, parameters);
      return withProblems(
        floodText('summary', {
          steps: f.steps,
          err: Number(f.relativeMassError).toExponential(1),
          rain: round(f.rainInM3),
          drained: round(f.drainedM3),
          out: round(f.outflowM3),
          stored: round(f.storedM3),
        }),
        runProblems(r),
      );
    });

  const showRainResult = async (r: DeclaredRunResult, parameters: RainFloodParameters) => {
    stopPlaying(); // an animation of an earlier result
    const maxDepth = r.rasters.maxDepth;
    ctx.results.setRaster({ id: 'flood-max-depth', label: floodText('maxDepth'), grid: maxDepth });
    await showDepth(maxDepth, 'maxDepth', parameters);
    const series = r.rasterSeries.depthOverTime;
    const n = series.frame.width * series.frame.height;
    const frames = series.times.length;
    const slider = el('input', { type: 'range', id: 'flood-time', min: '0', max: String(frames), value: String(frames), step: '1' });
    const timeLabel = el('span', { id: 'flood-time-label', textContent: floodText('maxDepth') });
    const showFrame = async (i: number) => {
      if (i >= frames) {
        timeLabel.textContent = floodText('maxDepth');
        await showDepth(maxDepth, 'maxDepth', parameters);
        return;
      }
      timeLabel.textContent = `${floodText('time')} ${Math.round(series.times[i] / 60)} ${floodText('minutes')}`;
      await showDepth({ ...series.frame, values: series.values.subarray(i * n, (i + 1) * n) }, 'depthOverTime', parameters);
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
          if (++i > frames) stopPlaying();
        }, 700);
      },
      { id: 'flood-play' },
    );
    const showArrival = button(
      floodText('arrival'),
      () => void showOutput(ctx, 'flood-depth', 'rainFlood', 'arrival', r.rasters.arrival, parameters).then((o) => (overlay = o)),
      { id: 'flood-show-arrival' },
    );

    const buildings = r.tables.floodedBuildings?.rows ?? [];
    const semi = buildings.filter((b) => b.semi_basement === 'assumed').length;
    ctx.results.setTable('flooded-buildings', buildings);
    results.replaceChildren(
      el('div', { className: 'analysis-row' }, play, slider, timeLabel),
      el('div', { className: 'analysis-row' }, showArrival, ...exportButtons(r, EXPORT_NAMES)),
      el('h4', { textContent: `${floodText('flooded', { t: r.facts.floodThresholdM })}: ${buildings.length} (${floodText('semiBasement')}: ${semi})` }),
      el('p', { className: 'analysis-hint', textContent: floodText('semiHint') }),
      outputTable(columnsOf('rainFlood', 'floodedBuildings'), buildings, {
        keys: ['name', 'use', 'max_depth_m', 'arrival_min', 'semi_basement'],
        limit: 200,
        cell: (row: Row, key: string) =>
          key === 'semi_basement' ? (row[key] === 'assumed' ? floodText('semiBasement') : '') : key === 'name' ? String(row.name || row.id) : undefined,
      }),
    );
  };

  // --- River flooding ---
  const level = numberInput('flood-level', 40, -10, 500, 0.5);
  const runRiver = () =>
    riverFlow.run(floodText('filling'), async (progress) => {
      if (!ctx.manifest.layers.some((l) => l.id === 'water' || l.id === 'waterways')) throw new Error(floodText('noWater'));
      const parameters = { level: Number(level.value) };
      const r = await runDeclared(ctx, { type: 'riverFill', ...parameters }, await readArea(), 'after', progress);
      const depth = r.rasters.depth;
      if (!depth) throw new Error(runProblems(r).join('; '));
      overlay = await showOutput(ctx, 'flood-depth', 'riverFill', 'depth', depth, parameters, { exportId: 'flood-river-depth' });
      const f = r.facts;
      return withProblems(
        floodText('fillResult', {
          cells: f.filledCells,
          area: Math.round(Number(f.areaM2)).toLocaleString(),
          volume: Math.round(Number(f.volumeM3)).toLocaleString(),
          above: f.seedsAboveLevel,
        }),
        runProblems(r),
      );
    });

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
