// A before/after pair of declared runs put side by side the way the declaration says: every raster
// output before and after (and their difference where it means something), every table either
// joined by the analysis's worker side or as the two runs' tables, the comparison's figures and
// the problems of both runs. What the scenario runner exports and the page's Compare tab can show.
import { declarationOf, type AnalysisType, type ParametersOf } from '../../common/analyses/analyses.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { differenceGrid } from '../grid/cropGrid.js';
import type { AnalysisRunner } from './analysisRunner.js';
import { ANALYSIS_RUNNERS } from './analysisRunners.js';
import type { DeclaredRunResult, Facts, ResultTable } from './declaredRun.js';

export interface ComparedRaster {
  before: RasterGrid;
  after: RasterGrid;
  difference?: RasterGrid;
}

export type ComparedTable = { kind: 'joined'; table: ResultTable } | { kind: 'each'; before: ResultTable; after: ResultTable };

export interface DeclaredComparison {
  type: AnalysisType;
  rasters: Record<string, ComparedRaster>;
  tables: Record<string, ComparedTable>;
  figures: Facts;
  problems: string[];
}

export function compareDeclared(before: DeclaredRunResult, after: DeclaredRunResult, parameters: ParametersOf<AnalysisType>): DeclaredComparison {
  if (before.type !== after.type) throw new Error(`cannot compare a ${before.type} run with a ${after.type} run`);
  const declaration = declarationOf(before.type);
  const runner = ANALYSIS_RUNNERS[before.type] as unknown as AnalysisRunner<AnalysisType>;
  const compared = runner.compare(before, after, parameters);
  const rasters: Record<string, ComparedRaster> = {};
  const tables: Record<string, ComparedTable> = {};
  for (const [name, spec] of Object.entries(declaration.outputs)) {
    if (spec.kind === 'raster') {
      const b = before.rasters[name],
        a = after.rasters[name];
      if (b && a) rasters[name] = { before: b, after: a, ...(spec.difference ? { difference: differenceGrid(b, a) } : {}) };
    } else if (spec.kind !== 'table') {
      continue; // series are shown per run
    } else if (spec.comparison.kind === 'joined') {
      const table = compared.tables?.[name];
      if (table) tables[name] = { kind: 'joined', table };
    } else {
      const b = before.tables[name],
        a = after.tables[name];
      if (b && a) tables[name] = { kind: 'each', before: b, after: a };
    }
  }
  return { type: before.type, rasters, tables, figures: compared.figures, problems: [...new Set([...before.problems, ...after.problems])] };
}

/** The ENGINES entry: the page compares in the worker, so its bundle does not hold every analysis's worker side. */
export function compareDeclaredRuns(input: {
  before: DeclaredRunResult;
  after: DeclaredRunResult;
  parameters: ParametersOf<AnalysisType>;
}): DeclaredComparison {
  return compareDeclared(input.before, input.after, input.parameters);
}
