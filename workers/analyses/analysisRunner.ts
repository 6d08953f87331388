// The worker side of a declaration (common/analyses): how to run it on the city for one variant,
// and how a before/after pair compares. One per analysis type, listed in analysisRunners.ts.
import type { AnalysisType, ParametersOf } from '../../common/analyses/analyses.js';
import type { GeoJsonGeometry } from '../../common/tableFormats.js';
import type { Comparison, DeclaredRunResult, Facts, VariantOutputs } from './declaredRun.js';
import type { RunContext } from './runContext.js';

export interface AnalysisRunner<T extends AnalysisType> {
  run(ctx: RunContext, parameters: ParametersOf<T>): Promise<VariantOutputs>;
  compare(before: DeclaredRunResult, after: DeclaredRunResult, parameters: ParametersOf<T>): Comparison;
}

export function round(v: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** A closed GeoJSON polygon of a lon/lat ring given as pairs from `offsets[i]` to `offsets[i + 1]`. */
export function ringPolygon(offsets: ArrayLike<number>, lonLat: ArrayLike<number>, i: number): GeoJsonGeometry {
  const ring: number[][] = [];
  for (let v = offsets[i]; v < offsets[i + 1]; v++) ring.push([lonLat[2 * v], lonLat[2 * v + 1]]);
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** `<key>Before` and `<key>After` figures from the two runs' facts. */
export function beforeAfterFacts(before: DeclaredRunResult, after: DeclaredRunResult, keys: string[]): Facts {
  return Object.fromEntries(keys.flatMap((k) => [[`${k}Before`, before.facts[k]] as const, [`${k}After`, after.facts[k]] as const]));
}
