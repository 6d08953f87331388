// One declared analysis for one area, headless: the 'before' and 'after' runs of
// runDeclaredAnalysis (row bands across worker threads when the declaration allows it and the
// window is large), their comparison, and the declared exports written to a folder. Knows nothing
// about any particular analysis: that lives in the declaration (common/analyses) and its worker side
// (workers/analyses). The scenario runner calls it per analysis; a batch runner can call it per tile.
import { declarationOf, parametersOf, type AnalysisEntry, type AnalysisEntryOf, type AnalysisType } from '../common/analyses/analyses.js';
import type { CityManifest } from '../common/buildFormat.js';
import type { Proposal, ScenarioArea } from '../common/scenario/scenarioFormat.js';
import { compareDeclared } from '../workers/analyses/compareDeclared.js';
import { runBounds, type DeclaredRunInput, type DeclaredRunResult, type Variant } from '../workers/analyses/declaredRun.js';
import { declaredSplitHeight, runDeclaredAnalysis } from '../workers/analyses/runDeclaredAnalysis.js';
import { planSurfaceWindow, type Bounds5186 } from '../workers/data/surfaceWindow.js';
import type { ProgressCallback } from '../workers/engineControl.js';
import type { ModelBounds } from '../workers/planning/proposalGeometry.js';
import type { NodePool } from '../workers/pool/nodePool.js';
import type { AnalysisSummary } from './analysisSummary.js';
import { writeComparison } from './exportFiles.js';

/** Ground grids at least this large are split across worker threads (measured: below it, thread start-up dominates). */
export const SPLIT_MIN_CELLS = 4_000_000;

export interface AreaAnalysisOptions {
  /** The city build's root URL (file: in Node; http(s) works too). */
  cityUrl: string;
  manifest: CityManifest;
  area: ScenarioArea;
  /** The area exactly in EPSG:5186 (a batch run's tile of the city grid); default the projected box of `area`. */
  bounds5186?: Bounds5186;
  proposals: Proposal[];
  modelBounds: Record<string, ModelBounds>;
  outDir: string;
  /** Export file names start with this, e.g. "1-sunHours". */
  prefix: string;
  /** The worker threads for row bands, started on first use. */
  pool: () => NodePool;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

/** A progress callback that logs a line when a run passes each quarter. */
function progressLines(log: (line: string) => void, label: string): ProgressCallback {
  let quarter = 0;
  return (fraction, stage) => {
    const q = Math.floor(fraction * 4);
    if (q > quarter && q < 4) {
      quarter = q;
      log(`  ${label}: ${q * 25}% (${stage})`);
    }
  };
}

/** Whether a run of this entry on this area is split into row bands across the pool. */
function splits(entry: AnalysisEntry, o: AreaAnalysisOptions): boolean {
  const d = declarationOf(entry.type);
  if (!d.split.rowBands || !d.inputs.surface) return false;
  const { frame } = planSurfaceWindow(o.manifest, runBounds(o), d.inputs.surface.marginM);
  return frame.width * frame.height >= SPLIT_MIN_CELLS;
}

async function runVariant(entry: AnalysisEntry, variant: Variant, o: AreaAnalysisOptions, split: boolean): Promise<DeclaredRunResult> {
  const input: DeclaredRunInput = {
    cityUrl: o.cityUrl,
    analysis: entry,
    area: o.area,
    bounds5186: o.bounds5186,
    proposals: o.proposals,
    modelBounds: o.modelBounds,
    variant,
  };
  const onProgress = progressLines(o.log ?? (() => {}), variant);
  if (!split) return runDeclaredAnalysis(input, { onProgress, cancel: o.signal });
  // Each thread reads the build itself (workers/data); the bands cover the area's rows.
  const height = declaredSplitHeight(o.manifest, o.area, o.bounds5186);
  return o.pool().runSplit('runDeclaredAnalysis', { ...input, splitHeight: height }, { height, onProgress, signal: o.signal });
}

/** Runs `entry` before and after the proposals on the area and writes its exports; never throws for an analysis failure (it becomes a problem). */
export async function runAreaAnalysis(entry: AnalysisEntry, index: number, o: AreaAnalysisOptions): Promise<AnalysisSummary> {
  const started = performance.now();
  const summary: AnalysisSummary = { type: entry.type, index, files: [], figures: {}, problems: [], seconds: 0 };
  try {
    const split = splits(entry, o);
    const before = await runVariant(entry, 'before', o, split);
    const after = await runVariant(entry, 'after', o, split);
    const compared = compareDeclared(before, after, parametersOf(entry as AnalysisEntryOf<AnalysisType>));
    summary.files = await writeComparison(compared, o.outDir, o.prefix);
    summary.figures = compared.figures;
    summary.problems = compared.problems;
  } catch (err) {
    if (o.signal?.aborted) throw err;
    summary.problems.push(err instanceof Error ? err.message : String(err));
  }
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  return summary;
}
