// The scenario schema: the example file passes; broken files fail with the bad field named.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError, validateScenario } from '../../../common/scenario/scenarioValidate.js';
import { checkScenario } from '../../../workers/planning/scenarioEngine.js';

const EXAMPLE = path.resolve('scenarios', 'cityHallTower.json');

async function example(): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(EXAMPLE, 'utf8')) as Record<string, unknown>;
}

function problemsOf(data: unknown): string[] {
  try {
    validateScenario(data, 'bad.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(/^bad\.json: not a valid scenario:/);
    return (err as ScenarioError).problems;
  }
  throw new Error('the scenario was accepted');
}

describe('scenario schema', () => {
  it('accepts the example scenario', async () => {
    const s = parseScenario(await readFile(EXAMPLE, 'utf8'), EXAMPLE);
    expect(s.proposals[0]).toMatchObject({ kind: 'box', id: 'tower-1', floors: 40 });
    expect(s.analyses.map((a) => a.type)).toEqual(['sunHours', 'rightToLight', 'viewshed']);
  });

  it('names a field of the wrong type', async () => {
    const s = await example();
    (s.proposals as Array<Record<string, unknown>>)[0].width = 'wide';
    expect(problemsOf(s)).toEqual(['proposals[0].width: must be number (got "wide")']);
  });

  it('names an unknown proposal kind and an unknown analysis type', async () => {
    const s = await example();
    (s.proposals as Array<Record<string, unknown>>)[0].kind = 'cylinder';
    (s.analyses as Array<Record<string, unknown>>)[1].type = 'noise';
    expect(problemsOf(s)).toEqual(['proposals[0]: unknown kind "cylinder"', 'analyses[1]: unknown type "noise"']);
  });

  it('names missing and unknown fields', async () => {
    const s = await example();
    delete s.area;
    (s.proposals as Array<Record<string, unknown>>)[0].colour = 'red';
    expect(problemsOf(s)).toEqual(expect.arrayContaining(['missing field "area"', 'proposals[0]: unknown field "colour"']));
  });

  it('names values out of range and badly formatted times', async () => {
    const s = await example();
    (s.proposals as Array<Record<string, unknown>>)[0].centre = [200, 37.5];
    (s.analyses as Array<Record<string, unknown>>)[0].start = '8am';
    expect(problemsOf(s)).toEqual(['proposals[0].centre[0]: must be <= 132 (got 200)', 'analyses[0].start: "8am" does not match HH:MM']);
  });

  it('asks for height or floors, and refuses duplicate ids', async () => {
    const s = await example();
    const p = (s.proposals as Array<Record<string, unknown>>)[0];
    delete p.floors;
    (s.proposals as unknown[]).push({ ...p, height: 10 });
    expect(problemsOf(s)).toEqual(['proposals[0] (tower-1): give "height" or "floors"', 'proposals[1].id: "tower-1" is used twice']);
  });

  it('reports text that is not JSON, also through the worker engine', () => {
    expect(() => parseScenario('{ name: ', 'x.json')).toThrow(/x\.json: not a valid scenario:\n {2}not JSON/);
    const r = checkScenario({ text: '{"name": 3}', source: 'y.json' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContain('name: must be string (got 3)');
  });
});
