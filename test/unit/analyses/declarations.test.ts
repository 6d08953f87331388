// The analysis declarations (common/analyses): the scenario schema assembled from them accepts every
// declared example and default and names a wrong field by its path; each declaration names a real
// engine, has a worker side, and says how it splits and what it exports.
import { describe, expect, it } from 'vitest';
import { ANALYSES, ANALYSIS_TYPES, declarationOf, parametersOf, type AnalysisEntry, type ParametersOf } from '../../../common/analyses/analyses.js';
import { AREA_MARGIN_M, type RasterOutputSpec } from '../../../common/analyses/analysisSpec.js';
import { scaledRamp, SUN_HOURS_RAMP } from '../../../common/analyses/colourRamps.js';
import { SCENARIO_SCHEMA } from '../../../common/scenario/scenarioSchema.js';
import { ScenarioError, validateScenario } from '../../../common/scenario/scenarioValidate.js';
import { ANALYSIS_RUNNERS } from '../../../workers/analyses/analysisRunners.js';
import { ENGINES } from '../../../workers/analysisWorker.js';

const BASE = { name: 'declarations', area: { west: 126.975, south: 37.565, east: 126.98, north: 37.57 }, proposals: [] };

function problemsOf(analyses: unknown[]): string[] {
  try {
    validateScenario({ ...BASE, analyses }, 'bad.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('the scenario was accepted');
}

describe('analysis declarations', () => {
  it('list every analysis the app offers, each under its own type', () => {
    expect(ANALYSIS_TYPES).toEqual([
      'sunHours',
      'facades',
      'rightToLight',
      'viewshed',
      'targetShares',
      'rainFlood',
      'riverFill',
      'wind',
      'fireCoverage',
      'hazardRanking',
    ]);
    for (const [type, d] of Object.entries(ANALYSES)) expect(d.type).toBe(type);
  });

  it('name engines that exist in ENGINES, and each has a worker side', () => {
    for (const type of ANALYSIS_TYPES) {
      expect(typeof ENGINES[declarationOf(type).engine], type).toBe('function');
      expect(typeof ANALYSIS_RUNNERS[type].run, type).toBe('function');
      expect(typeof ANALYSIS_RUNNERS[type].compare, type).toBe('function');
    }
    expect(typeof ENGINES.runDeclaredAnalysis).toBe('function');
  });

  it('assemble the scenario schema: one entry per analysis, its parameters and nothing else', () => {
    const defs = SCENARIO_SCHEMA.definitions as Record<string, { oneOf?: Array<{ $ref: string }>; properties?: Record<string, unknown> }>;
    expect(defs.analysis.oneOf!.map((r) => r.$ref)).toEqual(ANALYSIS_TYPES.map((t) => `#/definitions/${t}Analysis`));
    for (const type of ANALYSIS_TYPES)
      expect(Object.keys(defs[`${type}Analysis`].properties!)).toEqual(['type', ...Object.keys(declarationOf(type).parameters.properties)]);
  });

  it('accept every declared example and the defaults alone', () => {
    for (const type of ANALYSIS_TYPES) {
      const d = declarationOf(type);
      const required = Object.fromEntries((d.parameters.required ?? []).map((k) => [k, d.parameters.examples[0][k]]));
      const entries = [...d.parameters.examples.map((e) => ({ type, ...e })), { type, ...required, ...d.parameters.defaults }];
      expect(() => validateScenario({ ...BASE, analyses: entries }, `${type}.json`), type).not.toThrow();
    }
  });

  it('refuse a wrong field and name it by its path', () => {
    expect(problemsOf([{ type: 'sunHours' }, { type: 'rainFlood', rainMmPerHour: 500 }])).toEqual(['analyses[1].rainMmPerHour: must be <= 400 (got 500)']);
    expect(problemsOf([{ type: 'wind', speed: 'strong' }])).toEqual(['analyses[0].speed: must be number (got "strong")']);
    expect(problemsOf([{ type: 'riverFill', colour: 'blue' }])).toEqual(['analyses[0]: unknown field "colour"']);
    expect(problemsOf([{ type: 'targetShares' }])).toEqual(['analyses[0]: missing field "observer"']);
    expect(problemsOf([{ type: 'facades', start: '8am' }])).toEqual(['analyses[0].start: "8am" does not match HH:MM']);
    expect(problemsOf([{ type: 'rainFlood', cellSize: 3 }])).toEqual(['analyses[0].cellSize: must be equal to one of the allowed values']);
    expect(problemsOf([{ type: 'noise' }])).toEqual(['analyses[0]: unknown type "noise"']);
  });

  it('fill in the declared defaults', () => {
    const entry: AnalysisEntry = { type: 'rainFlood', rainMmPerHour: 60 };
    expect(parametersOf(entry)).toEqual({ rainMmPerHour: 60, rainHours: 1, drainageMmPerHour: 95, simulateHours: 1.5, cellSize: 2, snapshotMinutes: 5 });
    expect(parametersOf({ type: 'viewshed', observer: [126.97, 37.57] })).toEqual({ observer: [126.97, 37.57], radius: 1000 });
  });

  it('declare how each splits, with a reason, and halos that make sense', () => {
    for (const type of ANALYSIS_TYPES) {
      const { split, inputs, parameters } = declarationOf(type);
      expect(split.reason.length, type).toBeGreaterThan(20);
      if (split.rowBands) expect(inputs.surface, `${type}: row bands are rows of the surface window`).toBeDefined();
      if (split.tileHaloM !== null) expect(split.tileHaloM, type).toBeGreaterThanOrEqual(0);
      if (split.tileHaloParameter) expect(Object.keys(parameters.properties), type).toContain(split.tileHaloParameter);
      if (inputs.surface) expect(inputs.surface.marginM, type).toBeLessThanOrEqual(AREA_MARGIN_M);
    }
    // Ground sun needs the shadow reach, the viewshed its radius; flood, fill and wind cannot be tiled.
    expect(ANALYSES.sunHours.split).toMatchObject({ rowBands: true, tileHaloM: AREA_MARGIN_M });
    expect(ANALYSES.viewshed.split).toMatchObject({ tileHaloParameter: 'radius' });
    for (const type of ['rainFlood', 'riverFill', 'wind'] as const) expect(ANALYSES[type].split).toMatchObject({ rowBands: false, tileHaloM: null });
  });

  it('declare outputs with units, legends in both languages and distinct export names', () => {
    for (const type of ANALYSIS_TYPES) {
      const files = new Set<string>();
      for (const [name, o] of Object.entries(declarationOf(type).outputs)) {
        expect(o.label.en && o.label.ko, `${type}.${name}`).toBeTruthy();
        if (o.kind === 'raster') {
          expect(o.unit, `${type}.${name}`).not.toBe('');
          expect(o.legend.title.en && o.legend.title.ko, `${type}.${name}`).toBeTruthy();
          expect(o.ramp.stops.length, `${type}.${name}`).toBeGreaterThan(0);
          for (const e of o.exports) files.add(`${o.fileSuffix}.${e}`);
        } else if (o.kind === 'rasterSeries' || o.kind === 'series') {
          expect(o.unit, `${type}.${name}`).not.toBe('');
        } else {
          expect(
            o.columns.every((c) => c.label.en && c.label.ko),
            `${type}.${name}`,
          ).toBe(true);
          if (o.exports.includes('geojson')) expect(o.geometry, `${type}.${name}: GeoJSON needs a geometry`).not.toBeNull();
          for (const e of o.exports) {
            expect(files.has(`${o.fileSuffix}.${e}`), `${type}.${name}: ${o.fileSuffix}.${e} twice`).toBe(false);
            files.add(`${o.fileSuffix}.${e}`);
          }
        }
      }
    }
    // The sun ramp runs from no sun to the whole window.
    const hours = ANALYSES.sunHours.outputs.hours as RasterOutputSpec<ParametersOf<'sunHours'>>;
    expect(scaledRamp(SUN_HOURS_RAMP, hours.rampScale!({ start: '09:00', end: '15:00' })).stops.at(-1)!.value).toBe(6);
  });
});
