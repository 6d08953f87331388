// Connected (river) fill on hand-made fixtures: r.lake's 8-connectivity, the strict "below the
// level" rule, seeds above the level, and the water-layer seed rasterization.
import { describe, expect, it } from 'vitest';
import { fillConnected, waterSeedMask, FILL_NODATA } from '../../../workers/flood/connectedFill.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { toWgs84 } from '../../../common/crs.js';

function grid(rows: string[]): RasterGrid {
  // Fixture: digits are elevations (m), '#' is no-data.
  const height = rows.length,
    width = rows[0].length;
  const values = new Float32Array(width * height);
  rows.forEach((row, r) => [...row].forEach((ch, c) => (values[r * width + c] = ch === '#' ? -9999 : Number(ch))));
  return { values, width, height, cellSize: 1, originX: 200000, originY: 550000, noData: -9999 };
}

const filled = (d: Float32Array) => [...d].map((v) => (v === FILL_NODATA ? '.' : 'w')).join('');

describe('connected fill', () => {
  const g = grid([
    '11911', //
    '19191', // the diagonal 1s connect only with 8-connectivity
    '99919',
    '11999', // a basin below the level that no seed reaches
    '19#91',
  ]);
  const seeds = new Uint8Array(25);
  seeds[0] = 1;

  it('fills only what is connected to a seed (8-connected like r.lake), not every low cell', () => {
    const r = fillConnected({ surface: g, level: 5, seeds });
    expect(filled(r.depth)).toBe('ww.ww' + 'w.w.w' + '...w.' + '.....' + '.....');
    expect(r.filledCells).toBe(8);
    expect(r.depth[0]).toBe(4);
    expect(r.volume).toBe(32);
    const four = fillConnected({ surface: g, level: 5, seeds, connectivity: 4 });
    expect(filled(four.depth)).toBe('ww...' + 'w....' + '.....' + '.....' + '.....');
  });

  it('fills strictly below the level, ignores seeds above it, never fills no-data', () => {
    const atLevel = fillConnected({ surface: g, level: 1, seeds });
    expect(atLevel.filledCells).toBe(0);
    expect(atLevel.seedsAboveLevel).toBe(1);
    const high = fillConnected({ surface: g, level: 9.5, seeds });
    expect(high.filledCells).toBe(24); // all but the no-data cell
    expect(high.depth[22]).toBe(FILL_NODATA);
  });

  it('refuses bad input', () => {
    expect(() => fillConnected({ surface: g, level: NaN, seeds })).toThrow(/water level NaN/);
    expect(() => fillConnected({ surface: g, level: 5, seeds: new Uint8Array(3) })).toThrow(/3 values for 25 cells/);
    expect(() => fillConnected({ surface: g, level: 5 })).toThrow(/give seed cells or water/);
  });

  it('seeds from water polygons (cell centres inside) and lines (cells crossed)', () => {
    const big: RasterGrid = { values: new Float32Array(100), width: 10, height: 10, cellSize: 1, originX: 200000, originY: 550000, noData: -9999 };
    const ll = (x: number, y: number) => toWgs84('EPSG:5186', x, y);
    const polygon = { type: 'Polygon', coordinates: [[ll(200001, 549999), ll(200003, 549999), ll(200003, 549997), ll(200001, 549997), ll(200001, 549999)]] };
    const line = { type: 'LineString', coordinates: [ll(200000.5, 549990.5), ll(200009.5, 549990.5)] };
    const mask = waterSeedMask(big, [polygon, line]);
    const set = [...mask.keys()].filter((k) => mask[k]);
    expect(set).toEqual([11, 12, 21, 22, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
  });
});
