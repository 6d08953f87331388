// Precomputed analysis results as map layers, for the layer list, the kiosk's attract tour and its
// big buttons: 'sun-result' (ground sunlight hours) and 'flood-result' (a river connected fill),
// defined in resultSpecs.ts. Each is a declared analysis (common/analyses) run ONCE per page in the
// analysis workers from parameters, as the Sun and Flood tabs run it, and drawn in its declared ramp
// with the kiosk's own legend title; then it is kept for the session: showing and hiding only flips the overlay's visibility, so a tour loop allocates
// nothing. In the kiosk both compute at start, in the background; on the desktop a layer computes
// when it is first turned on, so nobody pays for a result they never look at.
import { parametersOf, type AnalysisEntry, type AnalysisEntryOf, type AnalysisType } from '../../../common/analyses/analyses.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import { floodText } from '../flood/floodText.js';
import { fillPlaceholders, onLanguageChange } from '../i18n.js';
import { hostLog } from '../kiosk/hostLog.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import type { LayerRegistry, LayerState, MapLayer } from '../mapLayer.js';
import { runDeclared, runProblems, surfaceProblem, type DeclaredRunResult } from './analysisRun.js';
import type { AnalysisContext } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { showOutput } from './declaredOutputs.js';
import { errorText } from './progressBar.js';
import type { LegendSpec } from './rasterLegend.js';
import type { RasterOverlay } from './rasterOverlay.js';
import {
  FLOOD_RESULT,
  FLOOD_RESULT_ANALYSIS,
  FLOOD_RESULT_LAYER_ID,
  SUN_RESULT,
  SUN_RESULT_LAYER_ID,
  sunResultAnalysis,
  sunResultDate,
} from './resultSpecs.js';

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
  /** Aborted on destroy: a run in the workers stops, and a torn-down page starts no new one. */
  private readonly cancel = new AbortController();

  constructor(
    readonly id: string,
    private readonly text: () => string,
    private readonly registry: LayerRegistry,
    private readonly compute: (signal: AbortSignal) => Promise<Computed>,
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
    if (this.state === 'missing' || this.life.destroyed) return Promise.resolve();
    this.computing ??= this.run();
    return this.computing;
  }

  private async run(): Promise<void> {
    this.state = 'loading';
    this.problem = analysisText('resultComputing');
    this.registry.changed();
    const started = performance.now();
    try {
      const done = await this.compute(this.cancel.signal);
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
    this.cancel.abort();
    this.life.destroy();
    this.overlay = null;
  }
}

/** A precomputed result: a declared analysis on an area, one of its raster outputs drawn with the kiosk's legend. */
interface ResultSpec {
  area: ScenarioArea;
  analysis: AnalysisEntry;
  output: string;
  /** The legend in the current language. */
  legend(result: DeclaredRunResult): LegendSpec;
  /** One log line: what was computed. */
  summary(result: DeclaredRunResult, grid: RasterGrid): string;
}

/** Runs the declared analysis (no proposals: the city as built) and draws the output in its declared ramp. */
async function computeResult(ctx: AnalysisContext, id: string, spec: ResultSpec, signal: AbortSignal): Promise<Computed> {
  const result = await runDeclared({ manifest: ctx.manifest, cityBaseUrl: ctx.cityBaseUrl }, spec.analysis, spec.area, 'before', { signal });
  const grid = result.rasters[spec.output];
  if (!grid) throw new Error(runProblems(result).join('; ') || `${spec.analysis.type}: no ${spec.output}`);
  const legend = () => spec.legend(result);
  const parameters = parametersOf(spec.analysis as AnalysisEntryOf<AnalysisType>);
  const overlay = await showOutput(ctx, id, spec.analysis.type, spec.output, grid, parameters, { legend: legend() });
  return { overlay, legend, summary: spec.summary(result, grid) };
}

function sunResult(now: Date): ResultSpec {
  const date = sunResultDate(now);
  const analysis = sunResultAnalysis(date);
  return {
    area: SUN_RESULT.area,
    analysis,
    output: 'hours',
    legend: () => ({ title: fillPlaceholders(analysisText('sunResultLegend'), { date }), unit: analysisText('hoursUnit') }),
    summary: (_, g) => `ground sun hours on ${date} ${analysis.start}-${analysis.end} KST, ${g.width} x ${g.height} cells`,
  };
}

const FLOOD_RESULT_SPEC: ResultSpec = {
  area: FLOOD_RESULT.area,
  analysis: FLOOD_RESULT_ANALYSIS,
  output: 'depth',
  legend: (r) => ({ title: floodText('floodResultLegend', { level: Number(r.facts.level).toFixed(1), rise: FLOOD_RESULT.riseM }), unit: 'm' }),
  summary: (r, g) =>
    `river fill at ${Number(r.facts.level).toFixed(2)} m (stream bed ${Number(r.facts.bed).toFixed(2)} m + ${FLOOD_RESULT.riseM} m): ${r.facts.filledCells} of ${g.width * g.height} cells, ${Math.round(Number(r.facts.volumeM3))} m³`,
};

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
    (signal) => computeResult(ctx, FLOOD_RESULT_LAYER_ID, FLOOD_RESULT_SPEC, signal),
    log,
    hasWater ? surfaceProblem(ctx.manifest, FLOOD_RESULT.area) : floodText('noWater'),
    options.kiosk,
  );
  const sun = new ResultLayer(
    SUN_RESULT_LAYER_ID,
    () => analysisText('layer.sunResult'),
    registry,
    (signal) => computeResult(ctx, SUN_RESULT_LAYER_ID, sunResult(new Date()), signal),
    log,
    surfaceProblem(ctx.manifest, SUN_RESULT.area),
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
