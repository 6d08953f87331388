// The workers' ECEF -> geodetic -> EPSG:5186 path against independent oracles: the pipeline's
// geodetic -> ECEF formulas (inverse direction) and PROJ's cs2cs for the projection.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ecefToGeodetic, grid5186ToLonLat, lonLatTo5186 } from '../../../workers/geometry/grid5186.js';
import { geodeticToEcef } from '../../../tiles/geometry/wgs84.js';

const POINTS: [number, number, number][] = [
  [126.978, 37.5665, 38], // City Hall
  [126.93, 37.585, 120],
  [127.05, 37.52, -20],
  [129.3, 35.5, 500],
];

describe('grid5186', () => {
  it('ECEF -> geodetic inverts geodeticToEcef to below a millimetre', () => {
    const g = new Float64Array(3);
    for (const [lon, lat, h] of POINTS) {
      const e = geodeticToEcef(lon, lat, h);
      ecefToGeodetic(e[0], e[1], e[2], g);
      expect(Math.abs(g[0] - lon) * 111e3).toBeLessThan(1e-3);
      expect(Math.abs(g[1] - lat) * 111e3).toBeLessThan(1e-3);
      expect(Math.abs(g[2] - h)).toBeLessThan(1e-3);
    }
  });

  it('lon/lat -> EPSG:5186 agrees with cs2cs to a millimetre, and back', () => {
    const out = execFileSync('cs2cs', ['-f', '%.4f', 'EPSG:4326', 'EPSG:5186'], { input: POINTS.map(([lon, lat]) => `${lat} ${lon}`).join('\n') }).toString();
    const rows = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    expect(rows).toHaveLength(POINTS.length);
    POINTS.forEach(([lon, lat], i) => {
      // EPSG:5186 axis order in PROJ is northing, easting.
      const [north, east] = rows[i];
      const [x, y] = lonLatTo5186(lon, lat);
      expect(Math.abs(x - east)).toBeLessThan(1e-3);
      expect(Math.abs(y - north)).toBeLessThan(1e-3);
      const [lon2, lat2] = grid5186ToLonLat(x, y);
      expect(Math.abs(lon2 - lon) * 111e3).toBeLessThan(1e-3);
      expect(Math.abs(lat2 - lat) * 111e3).toBeLessThan(1e-3);
    });
  });
});
