// The one analysis worker. ENGINES lists every engine function; add an engine with one line.
// Each engine has the signature (input, control?) => result and runs unchanged in Node.
//
// Renderer side: renderer/src/analysis/analysisClient.ts (comlink `wrap`). Bundled by
// build/bundleRenderer.ts to dist/renderer/analysisWorker.js (a classic worker, IIFE).
//
// Cancellation across the worker boundary: the client passes a jobId; `cancel(jobId)` flips the
// token the engine polls (AbortSignals cannot be transferred through postMessage).
import { expose, transfer } from 'comlink';
import { aggregateGrid } from './fire/aggregate.js';
import { computeCoverage } from './fire/coverage.js';
import { rankHazard } from './fire/hazard.js';
import { interpolateIdw } from './sensors/idw.js';
import { applyProposals } from './planning/applyProposals.js';
import { checkScenario } from './planning/scenarioEngine.js';
import { geoidHeights } from './planning/geoidEngine.js';
import { computeViewshed } from './view/viewshed.js';
import { computeTargetShares } from './view/targetShares.js';
import { groundSunHours } from './sun/groundSunHours.js';
import { facadeSun } from './sun/facadeSun.js';
import { simulateWind } from './wind/windEngine.js';
import { simulateRainFlood } from './flood/rainFlood.js';
import { fillConnected } from './flood/connectedFill.js';
import { runDeclaredAnalysis } from './analyses/runDeclaredAnalysis.js';
import { compareDeclaredRuns } from './analyses/compareDeclared.js';
import type { EngineControl, ProgressCallback } from './engineControl.js';
import type { DeclaredEngineName } from '../common/analyses/analysisSpec.js';

export const ENGINES = {
  computeCoverage,
  rankHazard,
  aggregateGrid,
  interpolateIdw,
  applyProposals,
  checkScenario,
  geoidHeights,
  computeViewshed,
  computeTargetShares,
  groundSunHours,
  facadeSun,
  simulateWind,
  simulateRainFlood,
  fillConnected,
  runDeclaredAnalysis,
  compareDeclaredRuns,
} as const;

export type EngineName = keyof typeof ENGINES;

// The declarations (common/analyses) name their engines as strings; this fails to compile when one is not in ENGINES.
const declaredEnginesExist: Record<DeclaredEngineName, unknown> = ENGINES;
void declaredEnginesExist;
type EngineInput<N extends EngineName> = Parameters<(typeof ENGINES)[N]>[0];
type EngineResult<N extends EngineName> = Awaited<ReturnType<(typeof ENGINES)[N]>>;

const tokens = new Map<string, { aborted: boolean }>();

export const workerApi = {
  /** Runs one engine; `onProgress` must be wrapped with comlink `proxy` by the caller. */
  async run<N extends EngineName>(name: N, input: EngineInput<N>, jobId?: string, onProgress?: ProgressCallback): Promise<EngineResult<N>> {
    const engine = ENGINES[name] as unknown as (input: EngineInput<N>, control: EngineControl) => EngineResult<N> | Promise<EngineResult<N>>;
    if (typeof engine !== 'function') throw new Error(`no analysis engine named ${String(name)}`);
    const cancel = { aborted: false };
    if (jobId) tokens.set(jobId, cancel);
    try {
      const result = await engine(input, { cancel, onProgress });
      // Typed arrays at the top level of a result move to the page instead of being copied.
      return isWorker ? transfer(result, resultBuffers(result)) : result;
    } finally {
      if (jobId) tokens.delete(jobId);
    }
  },
  cancel(jobId: string): boolean {
    const token = tokens.get(jobId);
    if (token) token.aborted = true;
    return token !== undefined;
  },
  engines(): string[] {
    return Object.keys(ENGINES);
  },
};

export type AnalysisWorkerApi = typeof workerApi;

function resultBuffers(result: unknown): ArrayBuffer[] {
  if (typeof result !== 'object' || result === null) return [];
  const seen = new Set<ArrayBuffer>();
  for (const value of Object.values(result)) {
    if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) seen.add(value.buffer);
  }
  return [...seen];
}

// Only expose when running as a worker (tests import ENGINES/workerApi directly in Node).
const scope = globalThis as unknown as { importScripts?: unknown; document?: unknown };
const isWorker = typeof scope.importScripts === 'function' && scope.document === undefined;
if (isWorker) expose(workerApi);
