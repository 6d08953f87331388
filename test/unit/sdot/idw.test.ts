// The IDW surface engine against hand-computed values (FIXTURE points, not Seoul readings).
import { describe, expect, it } from 'vitest';
import { idwAt, interpolateIdw } from '../../../workers/sensors/idw.js';

const R = 6_371_008.8;
const degPerMetreLat = 180 / (Math.PI * R);

describe('inverse-distance weighting', () => {
  // Two points 1,000 m apart north-south on one meridian; query points on that meridian.
  const lat0 = 37.5;
  const lon = new Float64Array([127, 127]);
  const lat = new Float64Array([lat0, lat0 + 1000 * degPerMetreLat]);
  const values = new Float64Array([10, 20]);

  it('matches the hand-computed weights (power 2)', () => {
    // 250 m from the first, 750 m from the second: w = 1/250², 1/750² -> (10·9 + 20·1) / 10 = 11
    expect(idwAt({ lon, lat, values, radiusM: 5000 }, 127, lat0 + 250 * degPerMetreLat)).toBeCloseTo(11, 9);
    // power 1: (10·3 + 20·1) / 4 = 12.5
    expect(idwAt({ lon, lat, values, radiusM: 5000, power: 1 }, 127, lat0 + 250 * degPerMetreLat)).toBeCloseTo(12.5, 9);
    // midpoint: the mean
    expect(idwAt({ lon, lat, values, radiusM: 5000 }, 127, lat0 + 500 * degPerMetreLat)).toBeCloseTo(15, 9);
  });

  it('only uses readings within the radius; beyond it there is no value', () => {
    // 250 m / 750 m with a 500 m radius: only the first point counts.
    expect(idwAt({ lon, lat, values, radiusM: 500 }, 127, lat0 + 250 * degPerMetreLat)).toBe(10);
    expect(idwAt({ lon, lat, values, radiusM: 500 }, 127, lat0 - 600 * degPerMetreLat)).toBeNaN();
  });

  it('the grid is exact at sample points, equals the point formula elsewhere, NaN beyond the radius', () => {
    // 3×3 grid whose cell centres fall on known places: cell (1,1) centre exactly on a sample point.
    const dLat = 1000 * degPerMetreLat;
    const dLon = dLat / Math.cos((lat0 * Math.PI) / 180);
    const bbox: [number, number, number, number] = [127 - 1.5 * dLon, lat0 - 1.5 * dLat, 127 + 1.5 * dLon, lat0 + 1.5 * dLat];
    const pts = { lon: new Float64Array([127, 127 + dLon]), lat: new Float64Array([lat0, lat0 + dLat]), values: new Float64Array([5, 9]) };
    const r = interpolateIdw({ ...pts, bbox, width: 3, height: 3, radiusM: 1200 });
    expect(r.grid[1 * 3 + 1]).toBe(5); // centre cell = sample 1
    expect(r.grid[0 * 3 + 2]).toBe(9); // north-east cell = sample 2
    // North-centre cell: 1,000 m from both samples -> mean 7.
    expect(r.grid[0 * 3 + 1]).toBeCloseTo(7, 4);
    // South-west cell: 1,414 m from sample 1, farther from 2: beyond 1,200 m -> no value.
    expect(r.grid[2 * 3 + 0]).toBeNaN();
    for (let row = 0; row < 3; row++)
      for (let col = 0; col < 3; col++) {
        const cLon = bbox[0] + (col + 0.5) * dLon;
        const cLat = bbox[3] - (row + 0.5) * dLat;
        const expected = idwAt({ ...pts, radiusM: 1200 }, cLon, cLat, lat0);
        if (Number.isNaN(expected)) expect(r.grid[row * 3 + col]).toBeNaN();
        else expect(r.grid[row * 3 + col]).toBeCloseTo(expected, 4);
      }
    expect(r.min).toBe(5);
    expect(r.max).toBe(9);
  });

  it('ignores non-finite values and handles no points', () => {
    const r = interpolateIdw({
      lon: new Float64Array([127]),
      lat: new Float64Array([37.5]),
      values: new Float64Array([NaN]),
      bbox: [126.9, 37.4, 127.1, 37.6],
      width: 4,
      height: 4,
    });
    expect(r.cellsWithData).toBe(0);
    expect(Array.from(r.grid).every(Number.isNaN)).toBe(true);
  });
});
