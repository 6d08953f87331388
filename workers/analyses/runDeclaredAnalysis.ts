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
import type { CityManifest } from '../../common/buildFormat.js';
import type { ScenarioArea } from '../../common/scenario/scenarioFormat.js';
import type { EngineControl } from '../engineControl.js';
import { areaCells, planSurfaceWindow, type Bounds5186 } from '../data/surfaceWindow.js';
import { AREA_MARGIN_M } from '../planning/analysisWindow.js';
import type { AnalysisRunner } from './analysisRunner.js';
import { ANALYSIS_RUNNERS } from './analysisRunners.js';
import { runBounds, type DeclaredRunInput, type DeclaredRunResult } from './declaredRun.js';
import { RunContext } from './runContext.js';

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

/**
 * Rows of the area's grid for a row-band split of a declared run (pass as `splitHeight` and as the
 * pool's `height`), from the manifest alone: nothing is read.
 */
export function declaredSplitHeight(manifest: Pick<CityManifest, 'surface'>, area: ScenarioArea, bounds5186?: Bounds5186): number {
  const plan = planSurfaceWindow(manifest, runBounds({ area, bounds5186 }), AREA_MARGIN_M);
  return areaCells(plan.frame, plan.bounds).height;
}
