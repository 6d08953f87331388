// Engine `runDeclaredAnalysis`: one declared analysis (common/analyses) for one area and one variant.
// The caller sends parameters — the build's URL, the analysis entry, the area, the proposals — and
// the worker loads its own inputs through workers/data, applies the proposals as declared, runs the
// analysis's engine with progress and cancellation, and returns the declared outputs cropped to
// the area. Declared row-band analyses split over `rows` of the area's grid: give `splitHeight`
// (declaredSplitHeight) and the pools (workers/pool, the page's runAnalysisSplit) merge the bands.
//
//   const r = await runAnalysis('runDeclaredAnalysis', { cityUrl, analysis: { type: 'sunHours' }, area, proposals, variant: 'after' });
//   r.rasters.hours, r.tables, r.facts, r.problems; compareDeclared(before, after) for the pair.
import { declarationOf, isAnalysisType, parametersOf, type AnalysisEntryOf, type AnalysisType } from '../../common/analyses/analyses.js';
import type { EngineControl } from '../engineControl.js';
import type { AnalysisRunner } from './analysisRunner.js';
import { ANALYSIS_RUNNERS } from './analysisRunners.js';
import type { DeclaredRunInput, DeclaredRunResult } from './declaredRun.js';
import { RunContext } from './runContext.js';

// The page imports it from declaredRun.ts, which does not pull every engine into its bundle.
export { declaredSplitHeight } from './declaredRun.js';

export async function runDeclaredAnalysis(input: DeclaredRunInput, control?: EngineControl): Promise<DeclaredRunResult> {
  const type = input.analysis?.type;
  if (!isAnalysisType(type)) throw new Error(`runDeclaredAnalysis: no analysis of type ${JSON.stringify(type)}`);
  if (input.variant !== 'before' && input.variant !== 'after') throw new Error(`runDeclaredAnalysis: variant must be 'before' or 'after'`);
  if (input.rows && !declarationOf(type).split.rowBands) throw new Error(`${type} does not split into row bands`);
  const ctx = new RunContext(input, control);
  const runner = ANALYSIS_RUNNERS[type] as unknown as AnalysisRunner<AnalysisType>;
  const out = await runner.run(ctx, parametersOf(input.analysis as AnalysisEntryOf<AnalysisType>));
  ctx.report(1, 'done');
  return {
    type,
    variant: input.variant,
    rasters: out.rasters ?? {},
    tables: out.tables ?? {},
    rasterSeries: out.rasterSeries ?? {},
    series: out.series ?? {},
    facts: out.facts ?? {},
    problems: out.problems ?? [],
    surface: ctx.surfaceInfo,
    ...(out.rows ? { rows: out.rows } : {}),
  };
}
