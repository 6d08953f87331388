// Runs a declared analysis (common/analyses) from the page with parameters only: the build's URL,
// the analysis entry, the area and the proposals go to the analysis worker, which loads its own
// inputs (workers/data: surface model, footprints, water, hydrants) and returns the declared
// outputs cropped to the area. Analyses declared to split into row bands run over the band workers.
//
//   const r = await runDeclared(ctx, { type: 'sunHours', date }, area, 'after', { onProgress, signal });
//   r.rasters.hours, r.tables, r.facts, runProblems(r)
import { declarationOf, parametersOf, type AnalysisEntry, type AnalysisEntryOf, type AnalysisType } from '../../../common/analyses/analyses.js';
import type { CityManifest } from '../../../common/buildFormat.js';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { DeclaredComparison } from '../../../workers/analyses/compareDeclared.js';
import { declaredSplitHeight, type DeclaredRunInput, type DeclaredRunResult, type Variant } from '../../../workers/analyses/declaredRun.js';
import { planSurfaceWindow } from '../../../workers/data/surfaceWindow.js';
import { areaBounds5186 } from '../../../workers/planning/analysisWindow.js';
import { runAnalysis, runAnalysisSplit, type RunOptions } from './analysisClient.js';
import type { AnalysisContext } from './analysisContext.js';
import { analysisText } from './analysisText.js';

export type { DeclaredRunResult } from '../../../workers/analyses/declaredRun.js';

/** Why an area cannot be analysed on this build's surface model (in the page's language), or null. */
export function surfaceProblem(manifest: Pick<CityManifest, 'surface'>, area: ScenarioArea): string | null {
  if (!manifest.surface?.tiles.length) return analysisText('noDsm');
  try {
    planSurfaceWindow(manifest, areaBounds5186(area), 0);
    return null;
  } catch {
    return analysisText('outsideDsm');
  }
}

/** The build a run reads and the scenario's proposals (none for the layers outside the planning tools). */
export interface RunSource extends Pick<AnalysisContext, 'manifest' | 'cityBaseUrl'> {
  store?: Pick<AnalysisContext['store'], 'proposals' | 'modelBounds'>;
}

/** One variant of a declared analysis on an area: 'after' applies the scenario's proposals as declared. */
export async function runDeclared(
  ctx: RunSource,
  analysis: AnalysisEntry,
  area: ScenarioArea,
  variant: Variant,
  options: RunOptions = {},
): Promise<DeclaredRunResult> {
  const declaration = declarationOf(analysis.type);
  const proposals = ctx.store?.proposals ?? [];
  const surface = declaration.inputs.surface;
  if (surface && (!surface.forProposals || proposals.length)) {
    const problem = surfaceProblem(ctx.manifest, area);
    if (problem) throw new Error(problem);
  }
  // Both variants get the proposals, as in the scenario runner: the variant says whether they apply.
  const input: DeclaredRunInput = {
    cityUrl: ctx.cityBaseUrl,
    analysis,
    area,
    variant,
    proposals,
    modelBounds: Object.fromEntries(ctx.store?.modelBounds ?? []),
  };
  if (!declaration.split.rowBands) return runAnalysis('runDeclaredAnalysis', input, options);
  return runAnalysisSplit('runDeclaredAnalysis', { ...input, splitHeight: declaredSplitHeight(ctx.manifest, area) }, options);
}

/** Before and after on the same area, compared the way the declaration says (in the worker). */
export async function runComparison(
  ctx: RunSource,
  analysis: AnalysisEntry,
  area: ScenarioArea,
  options: RunOptions = {},
): Promise<{ before: DeclaredRunResult; after: DeclaredRunResult; comparison: DeclaredComparison }> {
  const half = (offset: number, name: string) => (f: number, stage: string) => options.onProgress?.(offset + f / 2, `${name} ${stage}`);
  const before = await runDeclared(ctx, analysis, area, 'before', { signal: options.signal, onProgress: half(0, 'before') });
  const after = await runDeclared(ctx, analysis, area, 'after', { signal: options.signal, onProgress: half(0.5, 'after') });
  const parameters = parametersOf(analysis as AnalysisEntryOf<AnalysisType>);
  const comparison = await runAnalysis('compareDeclaredRuns', { before, after, parameters }, { signal: options.signal });
  return { before, after, comparison };
}

/** What the runs could not do and where the area left the surface model, once each. */
export function runProblems(...runs: Array<Pick<DeclaredRunResult, 'problems' | 'surface'>>): string[] {
  return [...new Set(runs.flatMap((r) => [...(r.surface?.problems ?? []), ...r.problems]))];
}

/** `message — problem; problem` (the status line of a finished run). */
export function withProblems(message: string, problems: string[]): string {
  return problems.length ? `${message} — ${problems.join('; ')}` : message;
}
