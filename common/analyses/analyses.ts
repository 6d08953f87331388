// Every analysis the app offers, by type. Adding one: write its declaration (analysisSpec.ts) in
// this folder, add one line here and its worker side to workers/analyses/analysisRunners.ts.
import type { AnalysisDeclaration } from './analysisSpec.js';
import { facadesAnalysis, rightToLightAnalysis } from './facades.js';
import { fireCoverageAnalysis } from './fireCoverage.js';
import { hazardRankingAnalysis } from './hazardRanking.js';
import { rainFloodAnalysis } from './rainFlood.js';
import { riverFillAnalysis } from './riverFill.js';
import { sunHoursAnalysis } from './sunHours.js';
import { targetSharesAnalysis } from './targetShares.js';
import { viewshedAnalysis } from './viewshed.js';
import { windAnalysis } from './wind.js';

export const ANALYSES = {
  sunHours: sunHoursAnalysis,
  facades: facadesAnalysis,
  rightToLight: rightToLightAnalysis,
  viewshed: viewshedAnalysis,
  targetShares: targetSharesAnalysis,
  rainFlood: rainFloodAnalysis,
  riverFill: riverFillAnalysis,
  wind: windAnalysis,
  fireCoverage: fireCoverageAnalysis,
  hazardRanking: hazardRankingAnalysis,
} as const;

export type AnalysisType = keyof typeof ANALYSES;

/** The parameters of an analysis type (a scenario entry without its "type"). */
export type ParametersOf<T extends AnalysisType> = (typeof ANALYSES)[T] extends AnalysisDeclaration<T, infer P> ? P : never;

/** One entry of a scenario's "analyses": the type and its parameters. */
export type AnalysisEntryOf<T extends AnalysisType> = { type: T } & ParametersOf<T>;

export type AnalysisEntry = { [T in AnalysisType]: AnalysisEntryOf<T> }[AnalysisType];

export const ANALYSIS_TYPES = Object.keys(ANALYSES) as AnalysisType[];

export function isAnalysisType(type: string): type is AnalysisType {
  return Object.hasOwn(ANALYSES, type);
}

/** The declaration of a type, typed loosely for code that handles every analysis alike. */
export function declarationOf(type: AnalysisType): AnalysisDeclaration<AnalysisType, Record<string, unknown>> {
  return ANALYSES[type] as unknown as AnalysisDeclaration<AnalysisType, Record<string, unknown>>;
}

/** The entry's parameters (without "type") with the declared defaults filled in. */
export function parametersOf<T extends AnalysisType>(entry: AnalysisEntryOf<T>): ParametersOf<T> {
  const { type, ...rest } = entry as { type: T } & Record<string, unknown>;
  return { ...declarationOf(type).parameters.defaults, ...rest } as ParametersOf<T>;
}
