// The tiled surface model against GDAL on the real city build: the tiles of rows 551-552 (Hongjecheon's
// south-eastern two, Cheonggyecheon's six), each exported alone by the module's GeoTIFF export and
// mosaicked by gdalbuildvrt, are ONE raster; windows read through
// workers/data across tile seams (four tiles meeting, a missing tile) equal that raster cut by
// gdal_translate -projwin, cell for cell, and so does a big window exported as one GeoTIFF. The
// `npm run surface` CLI writes the same cells.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { surfaceWindowGeoTiff } from '../../workers/data/surfaceExport.js';
import { tileFrame, tileName } from '../../workers/data/surfaceTile.js';
import type { Bounds5186 } from '../../workers/data/surfaceWindow.js';
import { buildTestCity, type TestCity } from '../support/testCity.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
let city: TestCity;
let dir: string;
let mosaic: string;

beforeAll(async () => {
  city = await buildTestCity('surface');
  dir = path.join(path.dirname(city.root), 'gdal');
  mkdirSync(dir);
  const surface = city.manifest.surface!;
  const files: string[] = [];
  for (const key of surface.tiles.filter(([e, n]) => n <= 552 && e >= 194)) {
    const f = tileFrame(surface, key);
    const { tiff } = await surfaceWindowGeoTiff(city.data, { minX: f.originX, maxX: f.originX + f.width, minY: f.originY - f.height, maxY: f.originY });
    files.push(path.join(dir, `${tileName(key)}.tif`));
    writeFileSync(files.at(-1)!, tiff);
  }
  mosaic = path.join(dir, 'mosaic.vrt');
  execFileSync('gdalbuildvrt', ['-q', mosaic, ...files]);
}, 120_000);

afterAll(() => city?.remove());

/** GDAL's cut of `raster` to `b` (whole metres), as raw Float32 cells. */
function gdalCut(raster: string, b: Bounds5186, name: string): { values: Float32Array; width: number; height: number } {
  const out = path.join(dir, `${name}.bin`);
  execFileSync('gdal_translate', ['-q', '-of', 'ENVI', '-projwin', String(b.minX), String(b.maxY), String(b.maxX), String(b.minY), raster, out]);
  const info = JSON.parse(execFileSync('gdalinfo', ['-json', out], { encoding: 'utf8' })) as { size: [number, number]; bands: Array<{ type: string }> };
  expect(info.bands[0].type).toBe('Float32');
  const bytes = readFileSync(out);
  return { values: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), width: info.size[0], height: info.size[1] };
}

function expectSameCells(ours: RasterGrid, gdal: { values: Float32Array; width: number; height: number }): void {
  expect([ours.width, ours.height]).toEqual([gdal.width, gdal.height]);
  let differ = 0;
  for (let i = 0; i < ours.values.length; i++) if (!Object.is(ours.values[i], gdal.values[i])) differ++;
  expect(differ).toBe(0);
}

describe('surface-model windows against GDAL', () => {
  it('across the corner where four tiles meet equal the tiles mosaicked and cut by GDAL', async () => {
    // 1 km x 1 km centred on x 198000, y 552000 (tiles 197_552, 198_552, 197_551, 198_551).
    const b = { minX: 197_500, maxX: 198_500, minY: 551_500, maxY: 552_500 };
    const win = await city.data.surfaceWindow(b, 0);
    expect(win.tiles).toEqual(['197_552', '198_552', '197_551', '198_551']);
    expect(win.problems).toEqual([]);
    expect([win.grid.originX, win.grid.originY]).toEqual([b.minX, b.maxY]);
    expect(win.grid.values.includes(win.grid.noData)).toBe(false);
    expectSameCells(win.grid, gdalCut(mosaic, b, 'corner'));
  });

  it('past a missing tile equal the mosaic cut by GDAL, noData where no tile is', async () => {
    // From Hongjecheon's tiles over 196_552 (none) into Cheonggyecheon's: 3.2 km x 0.4 km.
    const b = { minX: 194_900, maxX: 198_100, minY: 552_300, maxY: 552_700 };
    const win = await city.data.surfaceWindow(b, 0);
    expect(win.tiles).toEqual(['194_552', '195_552', '197_552', '198_552']);
    expect(win.problems).toEqual([expect.stringContaining('no tile 196_552')]);
    const noData = win.grid.values.filter((v) => v === win.grid.noData).length;
    expect(noData).toBe(1000 * 400);
    expectSameCells(win.grid, gdalCut(mosaic, b, 'gap'));
  });

  it('equal one big window exported as a GeoTIFF and cut by GDAL, with margins and fractional areas', async () => {
    const big = { minX: 198_500, maxX: 199_500, minY: 551_500, maxY: 552_500 };
    const { tiff } = await surfaceWindowGeoTiff(city.data, big);
    const one = path.join(dir, 'one.tif');
    writeFileSync(one, tiff);
    // An area with fractional edges plus a margin: the window is its whole cells.
    const area = { minX: 198_950.4, maxX: 199_070.6, minY: 551_960.2, maxY: 552_020.9 };
    const win = await city.data.surfaceWindow(area, 25);
    const cells = { minX: 198_925, maxX: 199_096, minY: 551_935, maxY: 552_046 };
    expect([win.grid.originX, win.grid.originY, win.grid.width, win.grid.height]).toEqual([cells.minX, cells.maxY, 171, 111]);
    expectSameCells(win.grid, gdalCut(one, cells, 'one'));
    expectSameCells(win.grid, gdalCut(mosaic, cells, 'one-mosaic'));
  });

  it('npm run surface writes the same cells', () => {
    const out = path.join(dir, 'cli.tif');
    const b = { minX: 197_800, maxX: 198_300, minY: 551_700, maxY: 552_100 };
    const line = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'tiles/cli/exportSurface.ts', '--city', city.root, '--bounds', [b.minX, b.minY, b.maxX, b.maxY].join(','), '--out', out],
      { cwd: REPO, encoding: 'utf8' },
    );
    expect(line).toMatch(/500 x 400 cells of 1 m .* from tiles 197_552, 198_552, 197_551, 198_551/);
    const cli = gdalCut(out, b, 'cli');
    const fromMosaic = gdalCut(mosaic, b, 'cli-mosaic');
    expect(Buffer.from(cli.values.buffer).equals(Buffer.from(fromMosaic.values.buffer))).toBe(true);
  });
});
