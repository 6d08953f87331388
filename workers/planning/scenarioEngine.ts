// Scenario file checking in the analysis worker: ajv compiles the schema with `new Function`,
// which the page's Content-Security-Policy forbids but the worker (no CSP) allows.
import type { Scenario } from '../../common/scenario/scenarioFormat.js';
import { parseScenario, ScenarioError } from '../../common/scenario/scenarioValidate.js';

export interface CheckScenarioInput {
  text: string;
  /** File name for the messages. */
  source: string;
}

export type CheckScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

export function checkScenario(input: CheckScenarioInput): CheckScenarioResult {
  try {
    return { ok: true, scenario: parseScenario(input.text, input.source) };
  } catch (err) {
    if (err instanceof ScenarioError) return { ok: false, problems: err.problems };
    return { ok: false, problems: [err instanceof Error ? err.message : String(err)] };
  }
}
