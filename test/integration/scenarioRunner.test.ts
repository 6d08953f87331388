// The headless scenario runner on the example scenario (scenarios/cityHallTower.json) against a
// real city build from the shared data: result files exist, GDAL reads the GeoTIFFs as EPSG:5186,
// and the proposed tower takes sunlight only where its shadow can fall (north of it in winter).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../common/scenario/scenarioValidate.js';
import { runScenario, type ScenarioSummary } from '../../scenarios/scenarioRun.js';
import { fromWgs84 } from '../../common/crs.js';
import { buildCity } from '../../tiles/buildCity.js';
import type { BuildLog } from '../../tiles/model/cityModel.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';
import { gdalInfo } from '../support/gdalInfo.js';

const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(__dirname, '../../../shared/data');
const EXAMPLE = path.resolve(__dirname, '../../scenarios/cityHallTower.json');

let tmp: string;
let out: string;
let summary: ScenarioSummary;

/** A GeoTIFF read by GDAL (the oracle), as an ASCII grid: header + rows north to south. */
function readWithGdal(file: string): { ncols: number; nrows: number; xll: number; yll: number; cell: number; noData: number; values: number[][] } {
  const asc = path.join(tmp, `${path.basename(file)}.asc`);
  execFileSync('gdal_translate', ['-q', '-of', 'AAIGrid', file, asc]);
  const lines = readFileSync(asc, 'utf8').trim().split(/\r?\n/);
  const header: Record<string, number> = {};
  let i = 0;
  for (; i < lines.length && /^[a-z]/i.test(lines[i]); i++) {
    const [k, v] = lines[i].trim().split(/\s+/);
    header[k.toLowerCase()] = Number(v);
  }
  return {
    ncols: header.ncols,
    nrows: header.nrows,
    xll: header.xllcorner,
    yll: header.yllcorner,
    cell: header.cellsize,
    noData: header.nodata_value,
    values: lines.slice(i).map((l) => l.trim().split(/\s+/).map(Number)),
  };
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-scenario-'));
  const log: BuildLog = { issue: () => {}, progress: () => {}, info: () => {} };
  await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: path.join(tmp, 'city') }, log);
  out = path.join(tmp, 'out');
  const scenario = parseScenario(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
  summary = await runScenario(scenario, { cityDir: path.join(tmp, 'city'), outDir: out, scenarioPath: EXAMPLE });
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('scenario runner on the example scenario', () => {
  it('applies the tower and writes every result file with a summary', () => {
    expect(summary.proposals).toHaveLength(1);
    expect(summary.proposals[0].id).toBe('tower-1');
    expect(summary.proposals[0].top - summary.proposals[0].base).toBeCloseTo(40 * 3.3, 3);
    const sun = summary.analyses.find((a) => a.type === 'sunHours')!;
    expect(sun.problems).toEqual([]);
    expect(sun.files).toEqual(['1-sunHours-before.tif', '1-sunHours-after.tif', '1-sunHours-difference.tif']);
    const view = summary.analyses.find((a) => a.type === 'viewshed')!;
    expect(view.files).toEqual(
      expect.arrayContaining(['3-viewshed-before.tif', '3-viewshed-after.tif', '3-viewshed-difference.tif', '3-viewshed-targetShares.csv']),
    );
    for (const f of [...sun.files, ...view.files, 'summary.json', 'proposals.geojson', 'surface-after.tif'])
      expect(existsSync(path.join(out, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8')).scenario).toBe(summary.scenario);
  });

  it('lists neighbouring floors that lose right-to-light, and none that gain it', () => {
    const r2l = summary.analyses.find((a) => a.type === 'rightToLight')!;
    expect(r2l.problems.filter((p) => !/^right-to-light: /.test(p))).toEqual([]);
    expect(r2l.files).toEqual(['2-rightToLight.csv', '2-rightToLight.geojson']);
    const lines = readFileSync(path.join(out, '2-rightToLight.csv'), 'utf8').trim().split(/\r?\n/);
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.length).toBe(Number(r2l.figures.floorsAnalysed));
    const losing = rows.filter((r) => r.losesCompliance === 'true');
    expect(losing.length).toBe(Number(r2l.figures.floorsLosingCompliance));
    expect(losing.length).toBeGreaterThan(0);
    // A new building only takes light away.
    expect(rows.filter((r) => r.passBefore === 'false' && r.passAfter === 'true')).toEqual([]);
    expect(rows.filter((r) => Number(r.hoursAfter) > Number(r.hoursBefore) + 1e-9)).toEqual([]);
  });

  it("writes GeoTIFFs that GDAL reads as EPSG:5186 with the area's cells", () => {
    const info = gdalInfo(path.join(out, '1-sunHours-difference.tif'));
    expect(info.coordinateSystem.wkt).toMatch(/ID\["EPSG",5186\]\]$/);
    expect(info.bands[0].type).toBe('Float32');
    expect(info.bands[0].noDataValue).toBe(-9999);
    expect(info.geoTransform[1]).toBe(1);
    expect(info.geoTransform[5]).toBe(-1);
    // About 600 m x 600 m: the scenario area.
    expect(info.size[0]).toBeGreaterThan(550);
    expect(info.size[1]).toBeGreaterThan(550);
  });

  it('takes sunlight north of the tower and nowhere south of it (winter sun is in the south)', () => {
    const diff = readWithGdal(path.join(out, '1-sunHours-difference.tif'));
    const [tx, ty] = fromWgs84('EPSG:5186', 126.979059, 37.567987);
    const yTop = diff.yll + diff.nrows * diff.cell;
    let lossNorth = 0,
      changedSouth = 0,
      gainAnywhere = 0,
      footprint = 0;
    for (let r = 0; r < diff.nrows; r++) {
      const y = yTop - (r + 0.5) * diff.cell;
      for (let c = 0; c < diff.ncols; c++) {
        const v = diff.values[r][c];
        if (v === diff.noData) continue;
        const x = diff.xll + (c + 0.5) * diff.cell;
        // The tower's own roof cells (40 m x 30 m turned 15° clockwise, plus a cell) change by design.
        const t = (15 * Math.PI) / 180;
        const u = (x - tx) * Math.cos(t) - (y - ty) * Math.sin(t),
          w = (x - tx) * Math.sin(t) + (y - ty) * Math.cos(t);
        if (Math.abs(u) < 21 && Math.abs(w) < 16) {
          footprint++;
          continue;
        }
        if (v > 1e-6) gainAnywhere++;
        if (y < ty - 40 && Math.abs(v) > 1e-6) changedSouth++;
        if (y > ty + 20 && v < -1) lossNorth++;
      }
    }
    expect(footprint).toBeGreaterThan(1200);
    expect(lossNorth).toBeGreaterThan(2000); // a 132 m tower's winter shadow covers hectares
    expect(changedSouth).toBe(0);
    expect(gainAnywhere).toBe(0); // adding a building never adds sunlight on the ground
    const sun = summary.analyses.find((a) => a.type === 'sunHours')!;
    expect(Number(sun.figures.cellsLosingOneHourOrMore)).toBeGreaterThan(2000);
  });
});
