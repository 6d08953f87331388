// The worker side of every declared analysis (common/analyses/analyses.ts ANALYSES), by type: one
// line per analysis. The mapped type makes a missing or misnamed entry a compile error.
import type { AnalysisType } from '../../common/analyses/analyses.js';
import type { AnalysisRunner } from './analysisRunner.js';
import { facadesRunner, rightToLightRunner } from './facadesRunner.js';
import { fireCoverageRunner, hazardRankingRunner } from './fireRunners.js';
import { rainFloodRunner } from './rainFloodRunner.js';
import { riverFillRunner } from './riverFillRunner.js';
import { sunHoursRunner } from './sunHoursRunner.js';
import { targetSharesRunner } from './targetSharesRunner.js';
import { viewshedRunner } from './viewshedRunner.js';
import { windRunner } from './windRunner.js';

export const ANALYSIS_RUNNERS: { [T in AnalysisType]: AnalysisRunner<T> } = {
  sunHours: sunHoursRunner,
  facades: facadesRunner,
  rightToLight: rightToLightRunner,
  viewshed: viewshedRunner,
  targetShares: targetSharesRunner,
  rainFlood: rainFloodRunner,
  riverFill: riverFillRunner,
  wind: windRunner,
  fireCoverage: fireCoverageRunner,
  hazardRanking: hazardRankingRunner,
};
