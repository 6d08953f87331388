// Precomputed analysis results as map layers, for the layer list, the kiosk's attract tour and its
// big buttons: 'sun-result' (ground sunlight hours) and 'flood-result' (a river connected fill),
// defined in resultSpecs.ts. Each is computed ONCE per page by the same engines, surface-model
// cut-outs, ramps and legends as the Sun and Flood tabs (in the analysis workers), then kept for
// the session: showing and hiding only flips the overlay's visibility, so a tour loop allocates
// nothing. In the kiosk both compute at start, in the background; on the desktop a layer computes
// when it is first turned on, so nobody pays for a result they never look at.
import { fillDepthGrid, DEPTH_RAMP, loadWater } from '../flood/floodPanel.js';
import { floodText } from '../flood/floodText.js';
import { fillPlaceholders, onLanguageChange } from '../i18n.js';
import { hostLog } from '../kiosk/hostLog.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { LayerRegistry, LayerState, MapLayer } from '../mapLayer.js';
import { waterSeedMask } from '../../../workers/flood/connectedFill.js';
import { areaBounds5186 } from '../../../workers/planning/analysisWindow.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { runAnalysis, runAnalysisSplit } from './analysisClient.js';
import { areaSurface, cropToArea } from './analysisArea.js';
import type { AnalysisContext } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { sunHoursRamp } from './colourRamp.js';
import { dsmInfoAt } from './dsmSource.js';
import { errorText } from './progressBar.js';
import type { LegendSpec } from './rasterLegend.js';
import { showRasterOverlay, type RasterOverlay } from './rasterOverlay.js';
import { FLOOD_RESULT, FLOOD_RESULT_LAYER_ID, lowestSeedSurface, SUN_RESULT, SUN_RESULT_LAYER_ID, sunResultDate, sunResultMaxHours } from './resultSpecs.js';

const MAX_RETRIES = 3;
const RETRY_MS = 10 * 60_000;

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

interface Computed {
  overlay: RasterOverlay;
  /** The legend in the current language. */
  legend(): LegendSpec;
  /** One log line: what was computed, how big, how long. */
  summary: string;
}

class ResultLayer implements MapLayer {
  state: LayerState = 'ready';
  problem: string | null = null;
  visible = false;
  private overlay: RasterOverlay | null = null;
  private computing: Promise<void> | null = null;
  private failures = 0;
  private readonly life = new Disposer();

  constructor(
    readonly id: string,
    private readonly text: () => string,
    private readonly registry: LayerRegistry,
    private readonly compute: () => Promise<Computed>,
    private readonly log: Log,
    /** Why the result cannot exist in this build (checked up front), or null. */
    missing: string | null,
    /** Computing is queued (kiosk): 'loading' from the start, so nothing takes it for ready. */
    private readonly queued: boolean,
  ) {
    if (missing) {
      this.state = 'missing';
      this.problem = missing;
    } else if (queued) {
      this.state = 'loading';
      this.problem = analysisText('resultComputing');
    }
  }

  label(): string {
    return this.text();
  }

  setVisible(visible: boolean): void {
    this.overlay?.setVisible(visible);
    if (visible) void this.start();
  }

  /** Computes the result once (later calls return the same run; a failed run is tried again). Never throws. */
  start(): Promise<void> {
    if (this.state === 'missing') return Promise.resolve();
    this.computing ??= this.run();
    return this.computing;
  }

  private async run(): Promise<void> {
    this.state = 'loading';
    this.problem = analysisText('resultComputing');
    this.registry.changed();
    const started = performance.now();
    try {
      const done = await this.compute();
      if (this.life.destroyed) {
        done.overlay.remove();
        return;
      }
      this.overlay = done.overlay;
      this.life.add(() => done.overlay.remove());
      // The overlay arrives shown; the layer's switch decides.
      done.overlay.setVisible(this.visible);
      this.life.add(onLanguageChange(() => done.overlay.setLegend(done.legend())));
      this.state = 'ready';
      this.problem = null;
      this.log('info', `result layer ${this.id}: ${done.summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (err) {
      if (this.life.destroyed) return;
      this.state = 'failed';
      this.problem = errorText(err);
      this.log('error', `result layer ${this.id} failed: ${this.problem}`);
      this.computing = null;
      // A kiosk runs unattended: a transient failure (host busy, file being rebuilt) gets a few more tries.
      if (this.queued && ++this.failures <= MAX_RETRIES) this.life.timeout(() => void this.start(), RETRY_MS);
    }
    this.registry.changed();
  }

  /** Removes the drawn result; a computation still running is dropped when it ends. */
  destroy(): void {
    this.life.destroy();
    this.overlay = null;
  }
}

/** Why an area cannot be computed from this build's surface model, or null when it can. */
function surfaceProblem(ctx: AnalysisContext, area: ScenarioArea): string | null {
  if (!ctx.manifest.dsm?.length) return analysisText('noDsm');
  const b = areaBounds5186(area);
  return dsmInfoAt(ctx.manifest, (b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2) ? null : analysisText('outsideDsm');
}

async function computeSun(ctx: AnalysisContext): Promise<Computed> {
  const date = sunResultDate(new Date());
  const legend = () => ({ title: fillPlaceholders(analysisText('sunResultLegend'), { date }), unit: analysisText('hoursUnit') });
  const surface = await areaSurface(ctx, SUN_RESULT.area, false);
  const { startMinute, endMinute, stepMinutes } = SUN_RESULT;
  const result = await runAnalysisSplit('groundSunHours', { dsm: surface.before, date, startMinute, endMinute, stepMinutes });
  const hours = cropToArea(surface, result.hours);
  const overlay = await showRasterOverlay(ctx.viewer, { id: SUN_RESULT_LAYER_ID, grid: hours, ramp: sunHoursRamp(sunResultMaxHours()), legend: legend() });
  return { overlay, legend, summary: `ground sun hours on ${date} ${startMinute / 60}:00-${endMinute / 60}:00 KST, ${hours.width} x ${hours.height} cells` };
}

async function computeFlood(ctx: AnalysisContext): Promise<Computed> {
  const water = await loadWater(ctx);
  if (water.length === 0) throw new Error(floodText('noWater'));
  const s = await areaSurface(ctx, FLOOD_RESULT.area, false);
  const surface = cropToArea(s, s.before);
  const seeds = waterSeedMask(surface, water);
  const bed = lowestSeedSurface(surface, seeds);
  if (bed === null) throw new Error(floodText('noSeedData'));
  const rise = FLOOD_RESULT.riseM;
  const level = bed + rise;
  const vars = { level: level.toFixed(1), rise };
  const legend = () => ({ title: floodText('floodResultLegend', vars), unit: 'm' });
  const r = await runAnalysis('fillConnected', { surface, level, seeds });
  const overlay = await showRasterOverlay(ctx.viewer, { id: FLOOD_RESULT_LAYER_ID, grid: fillDepthGrid(r), ramp: DEPTH_RAMP, legend: legend() });
  return {
    overlay,
    legend,
    summary: `river fill at ${level.toFixed(2)} m (stream bed ${bed.toFixed(2)} m + ${rise} m): ${r.filledCells} of ${r.width * r.height} cells, ${Math.round(r.volume)} m³`,
  };
}

export interface ResultLayers extends Destroyable {
  readonly sun: MapLayer;
  readonly flood: MapLayer;
}

/**
 * Registers 'flood-result' and 'sun-result' in the layer list. `kiosk`: compute both now, one
 * after the other (the cheap fill first, so its button lights up early), and log to the host.
 */
export function setUpResultLayers(ctx: AnalysisContext, registry: LayerRegistry, options: { kiosk: boolean }): ResultLayers {
  const log: Log = options.kiosk ? hostLog : (level, message) => console[level](message);
  const hasWater = ctx.manifest.layers.some((l) => l.id === 'water' || l.id === 'waterways');
  const flood = new ResultLayer(
    FLOOD_RESULT_LAYER_ID,
    () => floodText('layer.floodResult', { rise: FLOOD_RESULT.riseM }),
    registry,
    () => computeFlood(ctx),
    log,
    hasWater ? surfaceProblem(ctx, FLOOD_RESULT.area) : floodText('noWater'),
    options.kiosk,
  );
  const sun = new ResultLayer(
    SUN_RESULT_LAYER_ID,
    () => analysisText('layer.sunResult'),
    registry,
    () => computeSun(ctx),
    log,
    surfaceProblem(ctx, SUN_RESULT.area),
    options.kiosk,
  );
  const life = new Disposer();
  life.add(registry.add(sun));
  life.add(registry.add(flood));
  life.add(sun);
  life.add(flood);
  if (options.kiosk) void flood.start().then(() => sun.start());
  return { sun, flood, destroy: () => life.destroy() };
}
