// Every declared analysis (common/analyses) runs headless from one scenario file on the real city
// build (a tower proposed by the Hongjecheon), and each export is checked against an oracle: the
// engine called directly on the same surface window (sun hours, viewshed, target shares, facades,
// river fill, hydrant coverage, hazard ranking), or a physical check (the flood's water budget
// closes; the wind is finite with zero wind in the obstacles). The ground sun also runs split into
// row bands over worker threads that read the build themselves, and must give the same hours.
// The slow engines run small here (15 minutes of rain on 4 m cells, 200 wind steps on 10 m cells of a 120 m high domain):
// the whole file takes about a minute on two cores. The benchmarks measure them at full size.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import { fromArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_TYPES, declarationOf } from '../../common/analyses/analyses.js';
import { fromWgs84 } from '../../common/crs.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import type { Scenario } from '../../common/scenario/scenarioFormat.js';
import { parseScenario } from '../../common/scenario/scenarioValidate.js';
import { runScenario, type ScenarioSummary } from '../../scenarios/scenarioRun.js';
import { declaredSplitHeight, runDeclaredAnalysis } from '../../workers/analyses/runDeclaredAnalysis.js';
import { computeCoverage } from '../../workers/fire/coverage.js';
import { footprintCentres } from '../../workers/fire/footprints.js';
import { rankHazard, useRisk } from '../../workers/fire/hazard.js';
import { zoneCode, zoneForUse } from '../../workers/fire/zoneRule.js';
import { fillConnected, waterSeedMask } from '../../workers/flood/connectedFill.js';
import { cropGrid } from '../../workers/grid/cropGrid.js';
import { areaBounds5186 } from '../../workers/planning/analysisWindow.js';
import { applyProposals, groundLevel } from '../../workers/planning/applyProposals.js';
import { footprintAt } from '../../workers/planning/footprintLookup.js';
import { runSplitNode } from '../../workers/pool/nodePool.js';
import { facadeSun } from '../../workers/sun/facadeSun.js';
import { groundSunHours } from '../../workers/sun/groundSunHours.js';
import { computeTargetShares, windowPoint } from '../../workers/view/targetShares.js';
import { defaultViewTargets } from '../../workers/view/viewTargets.js';
import { computeViewshed, viewshedStats } from '../../workers/view/viewshed.js';
import { buildTestCity, type TestCity } from '../support/testCity.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const AREA = { west: 126.93192, south: 37.57808, east: 126.93531, north: 37.58078 };
/** A 42 m apartment block in the area; the tower stands ~100 m south-east of it. */
const OBSERVER: [number, number] = [126.932547, 37.579895];
const OBSERVER_BUILDING = 'osm:way/1466781569';
const TOWER: [number, number] = [126.93344, 37.57941];
const DATE = '2026-12-22';

const SCENARIO: Scenario = {
  name: 'Every analysis by the Hongjecheon (test)',
  area: AREA,
  proposals: [{ kind: 'box', id: 'tower', centre: TOWER, width: 30, depth: 24, floors: 25 }],
  analyses: [
    { type: 'sunHours', date: DATE, stepMinutes: 20 },
    { type: 'facades', date: DATE, buildings: [OBSERVER_BUILDING], stepMinutes: 20 },
    { type: 'rightToLight', date: DATE, buildings: [OBSERVER_BUILDING] },
    { type: 'viewshed', observer: OBSERVER, floor: 5, radius: 300 },
    { type: 'targetShares', observer: OBSERVER },
    { type: 'rainFlood', rainMmPerHour: 100, rainHours: 0.25, simulateHours: 0.25, cellSize: 4 },
    { type: 'riverFill', rise: 3 },
    { type: 'wind', cellSize: 10, maxSteps: 200 },
    { type: 'fireCoverage' },
    { type: 'hazardRanking' },
  ],
};

let city: TestCity;
let tmp: string;
let out: string;
let file: string;
let summary: ScenarioSummary;
/** The surface model 1 km around the area, one window (seams and windows agree: surfaceTiles.test.ts). */
let around: RasterGrid;
/** The scenario's surface window (area + 400 m) cut from it, before and with the tower, and the area's bounds. */
let win: RasterGrid;
let withTower: ReturnType<typeof applyProposals>;
const bounds = areaBounds5186(AREA);
const area = (g: RasterGrid) => cropGrid(g, bounds.minX, bounds.minY, bounds.maxX, bounds.maxY)!;

beforeAll(async () => {
  city = await buildTestCity('analyses');
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-analyses-'));
  out = path.join(tmp, 'out');
  file = path.join(tmp, 'every.json');
  writeFileSync(file, JSON.stringify(SCENARIO, null, 2));
  summary = await runScenario(parseScenario(readFileSync(file, 'utf8'), file), { cityDir: city.root, outDir: out, scenarioPath: file });
  around = (await city.data.surfaceWindow(bounds, 1000)).grid;
  win = cropGrid(around, bounds.minX - 400, bounds.minY - 400, bounds.maxX + 400, bounds.maxY + 400)!;
  withTower = applyProposals({ dsm: win, proposals: SCENARIO.proposals });
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  city?.remove();
});

async function tif(name: string): Promise<RasterGrid> {
  const bytes = readFileSync(path.join(out, name));
  const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).getImage();
  const [originX, originY] = image.getOrigin();
  const [values] = (await image.readRasters()) as unknown as Float32Array[];
  return {
    values,
    width: image.getWidth(),
    height: image.getHeight(),
    cellSize: image.getResolution()[0],
    originX,
    originY,
    noData: image.getGDALNoData() ?? NaN,
  };
}

function csv(name: string): Array<Record<string, string>> {
  return parse(readFileSync(path.join(out, name), 'utf8'), { columns: true }) as Array<Record<string, string>>;
}

function analysis(type: string) {
  const a = summary.analyses.find((x) => x.type === type);
  if (!a) throw new Error(`no ${type} in the summary`);
  return a;
}

/** The value as the CSV writes numbers (6 decimals). */
const sixDecimals = (v: number) => String(Math.round(v * 1e6) / 1e6);

function expectSameGrid(actual: RasterGrid, expected: RasterGrid): void {
  expect({ ...actual, values: null, noData: null }).toEqual({ ...expected, values: null, noData: null });
  expect(Buffer.from(actual.values.buffer, actual.values.byteOffset, actual.values.byteLength).equals(Buffer.from(expected.values.buffer))).toBe(true);
}

describe('every declared analysis from one scenario file', () => {
  it('runs each analysis, before and after, and writes its declared exports', () => {
    expect(summary.analyses.map((a) => a.type).sort()).toEqual([...ANALYSIS_TYPES].sort());
    expect(summary.problems).toEqual([]);
    for (const a of summary.analyses) {
      expect(a.files.length, a.type).toBeGreaterThan(0);
      for (const f of a.files) expect(existsSync(path.join(out, f)), f).toBe(true);
      // Only the data's own caveats: the apartment block has a height but no floor count.
      expect(
        a.problems.filter((p) => !/floor count not known/.test(p)),
        a.type,
      ).toEqual([]);
    }
    expect(analysis('rainFlood').files).toEqual(expect.arrayContaining(['6-rainFlood-maxDepth-difference.tif', '6-rainFlood-floodedBuildings-after.geojson']));
  });

  it('reports the declared figures and writes the declared columns, nothing undeclared', () => {
    for (const a of summary.analyses) {
      const d = declarationOf(a.type);
      expect(Object.keys(d.figures), a.type).toEqual(expect.arrayContaining(Object.keys(a.figures)));
      for (const [name, o] of Object.entries(d.outputs)) {
        if (o.kind !== 'table' || !o.exports.includes('csv')) continue;
        const joined = o.comparison.kind === 'joined';
        const csvFile = `${a.index + 1}-${a.type}${o.fileSuffix}${joined ? '' : '-before'}.csv`;
        // Also when the table is empty (no building floods in 15 minutes of rain here).
        expect(a.files, a.type).toContain(csvFile);
        const header = readFileSync(path.join(out, csvFile), 'utf8').split(/\r?\n/)[0].split(',');
        const declared = (o.comparison.kind === 'joined' ? o.comparison.columns : o.columns).map((c) => new RegExp(`^${c.key.replace('{target}', '.+')}$`));
        for (const h of header)
          expect(
            declared.some((re) => re.test(h)),
            `${a.type}.${name}: column ${h}`,
          ).toBe(true);
        for (const re of declared)
          expect(
            header.some((h) => re.test(h)),
            `${a.type}.${name}: no column ${re}`,
          ).toBe(true);
      }
    }
  });

  it('sun hours: the engine on the same window, in one piece and in row bands over threads', async () => {
    const direct = (dsm: RasterGrid) => area(groundSunHours({ dsm, date: DATE, startMinute: 480, endMinute: 960, stepMinutes: 20 }).hours);
    const before = direct(win),
      after = direct(withTower.dsm);
    expectSameGrid(await tif('1-sunHours-before.tif'), before);
    expectSameGrid(await tif('1-sunHours-after.tif'), after);
    expect(analysis('sunHours').figures.cellsLosingOneHourOrMore).toBeGreaterThan(1000);
    const height = declaredSplitHeight(city.manifest, AREA);
    expect(height).toBe(before.height);
    const input = {
      cityUrl: pathToFileURL(`${city.root}/`).href,
      analysis: SCENARIO.analyses[0],
      area: AREA,
      proposals: SCENARIO.proposals,
      variant: 'after' as const,
    };
    const split = await runSplitNode('runDeclaredAnalysis', { ...input, splitHeight: height }, { parts: 3, workers: 2, height });
    expect(split.rows).toEqual([0, height]);
    expectSameGrid(split.rasters.hours, after);
    // A batch tile given exactly in EPSG:5186: its own cells, with the shadow reach around it.
    const tile = { minX: 194000, minY: 553200, maxX: 194100, maxY: 553300 };
    const t = await runDeclaredAnalysis({ ...input, bounds5186: tile });
    const tileWindow = cropGrid(around, tile.minX - 400, tile.minY - 400, tile.maxX + 400, tile.maxY + 400)!;
    const tileHours = groundSunHours({
      dsm: applyProposals({ dsm: tileWindow, proposals: SCENARIO.proposals }).dsm,
      date: DATE,
      startMinute: 480,
      endMinute: 960,
      stepMinutes: 20,
    });
    expectSameGrid(t.rasters.hours, cropGrid(tileHours.hours, tile.minX, tile.minY, tile.maxX, tile.maxY)!);
    expect([t.rasters.hours.originX, t.rasters.hours.originY, t.rasters.hours.width, t.rasters.hours.height]).toEqual([194000, 553300, 100, 100]);
  });

  it('facades and right-to-light: facade sunlight of the same building and window', async () => {
    const buildUrl = pathToFileURL(`${city.root}/`).href;
    for (const [name, window] of [
      ['2-facades.csv', { startMinute: 480, endMinute: 960, stepMinutes: 20 }],
      ['3-rightToLight.csv', { startMinute: 480, endMinute: 960, stepMinutes: 10 }],
    ] as const) {
      const b = await facadeSun({ buildUrl, buildings: [OBSERVER_BUILDING], date: DATE, ...window });
      const a = await facadeSun({ buildUrl, buildings: [OBSERVER_BUILDING], date: DATE, proposals: withTower.prisms, ...window });
      const rows = csv(name);
      expect(rows.length, name).toBe(b.floors.length);
      rows.forEach((r, i) => {
        expect([r.building, r.facade, r.floor]).toEqual([b.floors[i].building, String(b.floors[i].facade), String(b.floors[i].floor)]);
        expect([r.hoursBefore, r.passBefore], name).toEqual([sixDecimals(b.floors[i].hours), String(b.floors[i].rightToLight.pass)]);
        expect([r.hoursAfter, r.passAfter], name).toEqual([sixDecimals(a.floors[i].hours), String(a.floors[i].rightToLight.pass)]);
      });
    }
  });

  it('viewshed and target shares: the engines from the same window at the same eye', async () => {
    const [ox, oy] = fromWgs84('EPSG:5186', ...OBSERVER);
    const building = footprintAt(city.footprints(), ox, oy)!;
    expect(building.id).toBe(OBSERVER_BUILDING);
    const eye = windowPoint(building.ring, 1, { x: ox, y: oy });
    const z = groundLevel(win, [[eye.x, eye.y]])! + 4.5 * 3.3;
    const view = (dsm: RasterGrid) => computeViewshed({ dsm, observer: { ...eye, absoluteHeight: z }, radius: 300 }).visibility;
    const before = view(win),
      after = view(withTower.dsm);
    expectSameGrid(await tif('4-viewshed-before.tif'), before);
    expectSameGrid(await tif('4-viewshed-after.tif'), after);
    expect(analysis('viewshed').figures).toMatchObject({ visibleCellsBefore: viewshedStats(before).visible, visibleCellsAfter: viewshedStats(after).visible });
    expect(viewshedStats(after).visible).toBeLessThan(viewshedStats(before).visible); // the tower hides some of the view

    const water = JSON.parse(readFileSync(path.join(city.root, city.manifest.layers.find((l) => l.id === 'water')!.path), 'utf8'));
    const input = {
      building: { ring: building.ring, height: building.height, floors: building.floors || undefined },
      window: { x: ox, y: oy },
      targets: defaultViewTargets(water),
    };
    const shares = computeTargetShares({ dsm: win, ...input });
    for (const name of ['4-viewshed-targetShares.csv', '5-targetShares.csv']) {
      const rows = csv(name);
      expect(rows.map((r) => r.floor)).toEqual(shares.rows.map((r) => r.label));
      for (const [k, t] of shares.targets.entries())
        expect(rows.map((r) => r[`${t} before`])).toEqual(shares.rows.map((r) => (Number.isNaN(r.shares[k]) ? '' : sixDecimals(r.shares[k]))));
    }
  });

  it('rain flood: the water budget closes in both runs, and the tower is a wall', async () => {
    const f = analysis('rainFlood').figures as Record<string, number>;
    for (const v of ['Before', 'After']) {
      expect(f[`rainInM3${v}`]).toBeGreaterThan(1000);
      expect(Math.abs(f[`rainInM3${v}`] - f[`drainedM3${v}`] - f[`outflowM3${v}`] - f[`storedM3${v}`])).toBeLessThan(0.01);
      expect(f[`relativeMassError${v}`]).toBeLessThan(1e-9);
    }
    // The tower takes its footprint out of the open ground the rain falls on.
    expect(f.rainInM3After).toBeLessThan(f.rainInM3Before);
    // The depth frames the page animates: the last, at the end, holds exactly the stored water.
    const run = await runDeclaredAnalysis({ cityUrl: pathToFileURL(`${city.root}/`).href, analysis: SCENARIO.analyses[5], area: AREA, variant: 'before' });
    const frames = run.rasterSeries.depthOverTime;
    expect(frames.times).toEqual([300, 600, 900]);
    const cells = frames.frame.width * frames.frame.height;
    const last = frames.values.subarray(2 * cells).reduce((sum, h) => (h === frames.frame.noData ? sum : sum + h), 0) * frames.frame.cellSize ** 2;
    expect(Math.abs(last - f.storedM3Before) / f.storedM3Before).toBeLessThan(1e-5);
    const depth = await tif('6-rainFlood-maxDepth-after.tif');
    expect(depth.cellSize).toBe(4);
    const [tx, ty] = fromWgs84('EPSG:5186', ...TOWER);
    const at = Math.floor((depth.originY - ty) / 4) * depth.width + Math.floor((tx - depth.originX) / 4);
    expect(depth.values[at]).toBe(depth.noData);
  });

  it('river fill: the connected fill at the stream bed + 3 m on the same cells', async () => {
    const surface = area(win);
    const water = ['water', 'waterways'].flatMap((id) =>
      JSON.parse(readFileSync(path.join(city.root, city.manifest.layers.find((l) => l.id === id)!.path), 'utf8')).features.map(
        (x: { geometry: unknown }) => x.geometry,
      ),
    );
    const seeds = waterSeedMask(surface, water);
    let bed = Infinity;
    seeds.forEach((s, k) => s && surface.values[k] !== surface.noData && (bed = Math.min(bed, surface.values[k])));
    const fill = fillConnected({ surface, level: bed + 3, seeds });
    expect(fill.filledCells).toBeGreaterThan(1000);
    const { width, height, cellSize, originX, originY, noData } = fill;
    expectSameGrid(await tif('7-riverFill-before.tif'), { width, height, cellSize, originX, originY, noData, values: fill.depth });
    expect(analysis('riverFill').figures).toMatchObject({ filledCellsBefore: fill.filledCells, seedCells: fill.seedCells });
  });

  it('wind: finite everywhere in the air, zero in the obstacles, the tower an obstacle after', async () => {
    for (const v of ['before', 'after']) {
      const [ratio, east, north] = await Promise.all(['ratio', 'east', 'north'].map((o) => tif(`8-wind-${o}-${v}.tif`)));
      let air = 0,
        obstacle = 0;
      ratio.values.forEach((r, k) => {
        if (r === ratio.noData) {
          obstacle++;
          expect([east.values[k], north.values[k]]).toEqual([0, 0]);
        } else {
          air++;
          expect(Number.isFinite(r) && r >= 0 && r < 3 && Number.isFinite(east.values[k]) && Number.isFinite(north.values[k])).toBe(true);
        }
      });
      expect(air).toBeGreaterThan(200);
      if (v === 'before') {
        const run = await runDeclaredAnalysis({ cityUrl: pathToFileURL(`${city.root}/`).href, analysis: SCENARIO.analyses[7], area: AREA, variant: 'before' });
        expectSameGrid(run.rasters.ratio, ratio);
        const { x, y } = run.series.residuals;
        expect(x.length).toBe(y.length);
        expect(x.at(-1)).toBe(200);
        expect(y.every((r) => Number.isFinite(r) && r >= 0)).toBe(true);
      }
      expect(obstacle).toBeGreaterThan(20);
      if (v === 'after') {
        const [tx, ty] = fromWgs84('EPSG:5186', ...TOWER);
        expect(ratio.values[Math.floor((ratio.originY - ty) / ratio.cellSize) * ratio.width + Math.floor((tx - ratio.originX) / ratio.cellSize)]).toBe(
          ratio.noData,
        );
      }
    }
  });

  it('hydrant coverage and hazard ranking: the engines on the same buildings and hydrants', () => {
    const f = city.footprints();
    const hydrantInfo = city.manifest.pointLayers!.find((l) => l.id === 'fire-hydrants')!;
    const offsets32 = new Float32Array(readFileSync(path.join(city.root, hydrantInfo.positionsPath)).buffer.slice(0));
    const hydrants = Float64Array.from(offsets32, (v, i) => v + hydrantInfo.origin[i % 2]);
    const numbers = JSON.parse(readFileSync(path.join(city.root, hydrantInfo.attributesPath), 'utf8')).columns.facility_no as string[];
    const centres = footprintCentres({ offsets: Uint32Array.from(f.offsets), lonLat: Float64Array.from(f.lonLat) });
    const within = (i: number, halo: number) => {
      const [x, y] = fromWgs84('EPSG:5186', centres[2 * i], centres[2 * i + 1]);
      return x >= bounds.minX - halo && x <= bounds.maxX + halo && y >= bounds.minY - halo && y <= bounds.maxY + halo;
    };
    const pick = (halo: number) => {
      const idx = f.ids.map((_, i) => i).filter((i) => within(i, halo));
      const rings = idx.map((i) => f.lonLat.slice(2 * f.offsets[i], 2 * f.offsets[i + 1]));
      const offsets = Uint32Array.from([0, ...rings.map((r, k) => rings.slice(0, k + 1).reduce((n, x) => n + x.length / 2, 0))]);
      const buildings = { offsets, lonLat: Float64Array.from(rings.flat()) };
      const coverage = computeCoverage({ hydrants, buildings, zones: Uint8Array.from(idx, (i) => zoneCode(zoneForUse(f.uses[i]))) });
      return { idx, buildings, coverage };
    };

    const c = pick(0);
    const rows = csv('9-fireCoverage-before.csv');
    expect(rows.map((r) => r.building_id)).toEqual(c.idx.map((i) => f.ids[i]));
    rows.forEach((r, k) => {
      expect(Number(r.distance_m)).toBeCloseTo(c.coverage.distance[k], 1);
      expect(r.covered).toBe(String(c.coverage.covered[k] === 1));
      expect(r.nearest_facility_no).toBe(numbers[c.coverage.nearest[k]]);
    });
    expect(csv('9-fireCoverage-after.csv').map((r) => r.building_id)).toEqual([...rows.map((r) => r.building_id), 'tower']);

    const h = pick(50);
    const hazard = rankHazard({
      buildings: h.buildings,
      height: Float32Array.from(h.idx, (i) => f.heights[i]),
      floors: Float32Array.from(h.idx, (i) => f.floors[i]),
      useRisk: Float32Array.from(h.idx, (i) => useRisk(f.uses[i])),
      hydrantDistance: h.coverage.distance,
      limit: h.coverage.limit,
    });
    const expected = [...hazard.order].filter((k) => within(h.idx[k], 0));
    const ranking = csv('10-hazardRanking-before.csv');
    expect(ranking.map((r) => r.building_id)).toEqual(expected.map((k) => f.ids[h.idx[k]]));
    ranking.forEach((r, n) => expect(Number(r.score)).toBeCloseTo(hazard.score[expected[n]], 2));
    expect(ranking.length).toBeLessThan(h.idx.length); // the halo's buildings count as neighbours, not as rows
  });
});

describe('npm run scenario', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scenarios/runScenario.ts', ...args], { cwd: REPO, encoding: 'utf8' });

  it('runs nothing for a file that fails its schema, and names the field', () => {
    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...SCENARIO, analyses: [{ type: 'riverFill', rise: 99 }] }));
    const r = cli([bad, '--city', city.root, '--out', path.join(tmp, 'bad-out')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('analyses[0].rise: must be <= 30 (got 99)');
    expect(existsSync(path.join(tmp, 'bad-out'))).toBe(false);
  });

  it('runs only the chosen types with --only, numbered as in the file', () => {
    const r = cli([file, '--city', city.root, '--out', path.join(tmp, 'only'), '--only', 'riverFill']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(path.join(tmp, 'only')).filter((n) => /^\d+-/.test(n))).toEqual([
      '7-riverFill-after.tif',
      '7-riverFill-before.tif',
      '7-riverFill-difference.tif',
    ]);
    expect(readFileSync(path.join(tmp, 'only', '7-riverFill-before.tif')).equals(readFileSync(path.join(out, '7-riverFill-before.tif')))).toBe(true);
  });
});
