// What one analysis of a headless scenario run reports in summary.json.
import type { AnalysisType } from '../common/analyses/analyses.js';

export interface AnalysisSummary {
  type: AnalysisType;
  index: number;
  files: string[];
  figures: Record<string, number | string>;
  problems: string[];
  seconds: number;
}
