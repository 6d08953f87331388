// Checks a scenario file against the scenario schema (scenarioSchema.ts, its analysis entries
// assembled from the declarations) with ajv and names the bad field in its error.
//
// Ajv compiles schemas to JavaScript with `new Function`, which the app page's CSP forbids; the
// renderer therefore validates in the analysis worker (workers/planning/scenarioEngine.ts), where
// the page's CSP does not apply. Node (runner, tests) calls parseScenario directly.
import Ajv, { type ErrorObject } from 'ajv';
import { DATE_PATTERN, TIME_PATTERN } from '../analyses/schemaParts.js';
import type { Scenario } from './scenarioFormat.js';
import { SCENARIO_SCHEMA } from './scenarioSchema.js';

export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: not a valid scenario:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioError';
  }
}

export { SCENARIO_SCHEMA } from './scenarioSchema.js';

let compiled: ReturnType<Ajv['compile']> | null = null;
function validator(): ReturnType<Ajv['compile']> {
  // discriminator: errors name the one branch a proposal's `kind` picks, not all three.
  compiled ??= new Ajv({ allErrors: true, discriminator: true, strict: false, verbose: true }).compile(SCENARIO_SCHEMA);
  return compiled;
}

/** "/proposals/0/height" -> "proposals[0].height" (how people read a field). */
function fieldName(path: string): string {
  if (!path) return '(top level)';
  return path
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(e: ErrorObject): string {
  const field = fieldName(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${field === '(top level)' ? '' : `${field}: `}missing field "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `${field === '(top level)' ? '' : `${field}: `}unknown field "${String(p.additionalProperty)}"`;
    case 'discriminator':
      return `${field}: ${p.error === 'mapping' ? `unknown ${String(p.tag)} "${String(p.tagValue)}"` : `missing or non-string "${String(p.tag)}"`}`;
    case 'const':
      return `${field}: must be "${String(p.allowedValue)}"`;
    case 'pattern':
      return `${field}: "${String(e.data)}" does not match ${e.parentSchema?.pattern === TIME_PATTERN ? 'HH:MM' : e.parentSchema?.pattern === DATE_PATTERN ? 'YYYY-MM-DD' : String(p.pattern)}`;
    default:
      return `${field}: ${e.message ?? e.keyword}${e.keyword === 'minimum' || e.keyword === 'maximum' || e.keyword === 'exclusiveMinimum' || e.keyword === 'type' ? ` (got ${JSON.stringify(e.data)})` : ''}`;
  }
}

/** Checks the rules JSON Schema cannot say clearly (height or floors, a usable area). */
function semanticProblems(s: Scenario): string[] {
  const out: string[] = [];
  s.proposals.forEach((p, i) => {
    if (p.kind !== 'gltf') {
      if (p.height === undefined && p.floors === undefined) out.push(`proposals[${i}] (${p.id}): give "height" or "floors"`);
      if (p.height !== undefined && p.floors !== undefined) out.push(`proposals[${i}] (${p.id}): give "height" or "floors", not both`);
    }
  });
  const ids = new Set<string>();
  s.proposals.forEach((p, i) => {
    if (ids.has(p.id)) out.push(`proposals[${i}].id: "${p.id}" is used twice`);
    ids.add(p.id);
  });
  if (!(s.area.east > s.area.west)) out.push('area: east must be greater than west');
  if (!(s.area.north > s.area.south)) out.push('area: north must be greater than south');
  return out;
}

/** Validates parsed JSON; throws ScenarioError listing every bad field. */
export function validateScenario(data: unknown, source = 'scenario'): Scenario {
  const validate = validator();
  if (!validate(data)) {
    const problems = [...new Set((validate.errors ?? []).map(describe))];
    throw new ScenarioError(source, problems);
  }
  const scenario = data as Scenario;
  const extra = semanticProblems(scenario);
  if (extra.length) throw new ScenarioError(source, extra);
  return scenario;
}

/** Parses and validates a scenario file's text. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(source, [`not JSON: ${err instanceof Error ? err.message : String(err)}`]);
  }
  return validateScenario(data, source);
}
