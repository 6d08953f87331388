// The reprojection behind every analysis overlay: an EPSG:5186 grid resampled onto a lon/lat image
// puts each cell where PROJ's cs2cs (the oracle) puts the cell's centre. And the CSV writer.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { rowsToCsv } from '../../../common/tableFormats.js';
import { gridValueAt, reprojectToLonLat } from '../../../renderer/src/analysis/rasterReproject.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';

function cs2csToLonLat(x: number, y: number): [number, number] {
  // EPSG:5186 axis order is northing, easting; EPSG:4326 output is latitude, longitude.
  const out = execFileSync('cs2cs', ['-f', '%.9f', 'EPSG:5186', 'EPSG:4326'], { input: `${y} ${x}\n`, encoding: 'utf8' });
  const [lat, lon] = out.trim().split(/\s+/).map(Number);
  return [lon, lat];
}

describe('reprojectToLonLat', () => {
  const grid: RasterGrid = {
    values: new Float32Array(200 * 150).fill(0),
    width: 200,
    height: 150,
    cellSize: 2,
    originX: 198000,
    originY: 552300,
    noData: -9999,
  };
  // Marked cells: value 1 in a 3x3 block at column 120, row 40; a noData block at column 20, row 100.
  for (let r = 39; r <= 41; r++) for (let c = 119; c <= 121; c++) grid.values[r * 200 + c] = 1;
  for (let r = 99; r <= 101; r++) for (let c = 19; c <= 21; c++) grid.values[r * 200 + c] = -9999;
  const ramp = {
    stops: [
      { value: 0, colour: [0, 0, 255] as [number, number, number] },
      { value: 1, colour: [255, 0, 0] as [number, number, number] },
    ],
    alpha: 200,
  };
  const img = reprojectToLonLat(grid, ramp);

  function pixelAt(lon: number, lat: number): number[] {
    const col = Math.floor(((lon - img.west) / (img.east - img.west)) * img.width);
    const row = Math.floor(((img.north - lat) / (img.north - img.south)) * img.height);
    const p = (row * img.width + col) * 4;
    return [...img.rgba.slice(p, p + 4)];
  }

  it('draws a cell where cs2cs puts its centre, transparent on noData', () => {
    expect(img.width).toBe(200);
    expect(img.height).toBe(150);
    const [lon, lat] = cs2csToLonLat(198000 + 120.5 * 2, 552300 - 40.5 * 2);
    expect(pixelAt(lon, lat)).toEqual([255, 0, 0, 200]);
    const [lon2, lat2] = cs2csToLonLat(198000 + 60.5 * 2, 552300 - 60.5 * 2);
    expect(pixelAt(lon2, lat2)).toEqual([0, 0, 255, 200]);
    const [lon3, lat3] = cs2csToLonLat(198000 + 20.5 * 2, 552300 - 100.5 * 2);
    expect(pixelAt(lon3, lat3)[3]).toBe(0);
    expect(gridValueAt(grid, lon, lat)).toBe(1);
    expect(gridValueAt(grid, lon3, lat3)).toBeNull();
  });

  it('spans the grid: the grid corners lie inside the image bounds', () => {
    for (const [x, y] of [
      [198000, 552300],
      [198400, 552300],
      [198000, 552000],
      [198400, 552000],
    ]) {
      const [lon, lat] = cs2csToLonLat(x, y);
      expect(lon).toBeGreaterThanOrEqual(img.west - 1e-9);
      expect(lon).toBeLessThanOrEqual(img.east + 1e-9);
      expect(lat).toBeGreaterThanOrEqual(img.south - 1e-9);
      expect(lat).toBeLessThanOrEqual(img.north + 1e-9);
    }
  });
});

describe('rowsToCsv', () => {
  it('quotes fields with commas, quotes and newlines and unions the columns', () => {
    expect(
      rowsToCsv([
        { a: 1, b: 'x,y' },
        { a: 2.5, c: 'say "hi"\n' },
      ]),
    ).toBe('a,b,c\r\n1,"x,y",\r\n2.5,,"say ""hi""\n"\r\n');
  });
});
