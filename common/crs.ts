// Coordinate reference systems the pipeline reads (Korean national grids) and the metric grid it
// writes rasters in (EPSG:5186). proj4 does the maths; test/unit/tiles/crs.test.ts checks it
// against PROJ's cs2cs.
import proj4 from 'proj4';

/**
 * EPSG:5174 (Korean 1985 / Modified Central Belt, Bessel 1841). PROJ transforms it to WGS84 with
 * the EPSG Molodensky-Badekas operation (EPSG:1575 family: tx=-145.907 ty=505.034 tz=685.756,
 * coordinate-frame rotations -1.162/2.347/1.592", scale 6.342 ppm, pivot -3159521.31, 4068151.32,
 * 3748113.85). proj4js has no Molodensky-Badekas, but with the same linearised rotation matrix
 * it is exactly a Bursa-Wolf (position-vector) Helmert whose translation absorbs the pivot:
 * T' = T + P - (1+s)·R·P. The figures below are that conversion, so proj4 reproduces PROJ.
 */
const KOREA_1985_TOWGS84 = '-114.6200,475.9630,675.0183,1.162,-2.347,-1.592,6.342';

const TM_GRS80 = '+proj=tmerc +lat_0=38 +k=1 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';

/** proj4 definitions by EPSG code (as 'EPSG:nnnn'). */
export const CRS_DEFS: Record<string, string> = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs',
  // Korean 1985 / Modified Central Belt: lon_0 = 127°00'10.405" (the historic Tokyo-datum offset).
  'EPSG:5174': `+proj=tmerc +lat_0=38 +lon_0=127.002890277778 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel +towgs84=${KOREA_1985_TOWGS84} +units=m +no_defs`,
  // Korea 2000 / Unified CS (national road-name address and many national layers).
  'EPSG:5179': '+proj=tmerc +lat_0=38 +lon_0=127.5 +k=0.9996 +x_0=1000000 +y_0=2000000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  // Korea 2000 / West, Central, East belts 2010 (600 km false northing) and the older
  // Central belt (500 km). 5186 is the metric grid every analysis raster uses.
  'EPSG:5181': `${TM_GRS80} +lon_0=127 +x_0=200000 +y_0=500000`,
  'EPSG:5185': `${TM_GRS80} +lon_0=125 +x_0=200000 +y_0=600000`,
  'EPSG:5186': `${TM_GRS80} +lon_0=127 +x_0=200000 +y_0=600000`,
  'EPSG:5187': `${TM_GRS80} +lon_0=129 +x_0=200000 +y_0=600000`,
};

export type SupportedCrs = keyof typeof CRS_DEFS;

for (const [code, def] of Object.entries(CRS_DEFS)) proj4.defs(code, def);

/** 'EPSG:5186', '5186' or 5186 -> 'EPSG:5186'; throws for codes we have no definition for. */
export function normalizeEpsg(epsg: string | number): string {
  const code = typeof epsg === 'number' ? `EPSG:${epsg}` : /^\d+$/.test(epsg) ? `EPSG:${epsg}` : epsg.toUpperCase();
  if (!(code in CRS_DEFS)) throw new Error(`unsupported CRS ${String(epsg)} (supported: ${Object.keys(CRS_DEFS).join(', ')})`);
  return code;
}

export function isSupportedCrs(epsg: string): boolean {
  try {
    normalizeEpsg(epsg);
    return true;
  } catch {
    return false;
  }
}

const converters = new Map<string, proj4.Converter>();
function converter(epsg: string | number): proj4.Converter {
  const code = normalizeEpsg(epsg);
  let c = converters.get(code);
  if (!c) {
    c = proj4(code, 'EPSG:4326');
    converters.set(code, c);
  }
  return c;
}

/** Projected (x east, y north) or geographic (lon, lat) in `epsg` -> [lon, lat] WGS84 degrees. */
export function toWgs84(epsg: string | number, x: number, y: number): [number, number] {
  const [lon, lat] = converter(epsg).forward([x, y]);
  return [lon, lat];
}

/** [lon, lat] WGS84 degrees -> coordinates in `epsg` (x east, y north for projected CRSs). */
export function fromWgs84(epsg: string | number, lon: number, lat: number): [number, number] {
  const [x, y] = converter(epsg).inverse([lon, lat]);
  return [x, y];
}

/**
 * Recognise a .prj (ESRI or OGC WKT) as one of the supported CRSs. Explicit EPSG authority codes win;
 * otherwise the projection parameters are matched (ESRI .prj files from Korean GIS tools usually carry
 * no AUTHORITY). Returns null when unsure, so callers report "unknown CRS" instead of guessing.
 */
export function detectCrsFromPrj(wkt: string): string | null {
  const text = wkt.trim();
  if (!text) return null;
  // The outermost AUTHORITY/ID is the CRS's own (last in WKT1, it closes the root node).
  const auth = [...text.matchAll(/(?:AUTHORITY|ID)\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]/gi)];
  const rootCode = auth.length ? auth[auth.length - 1][1] : null;
  if (rootCode && `EPSG:${rootCode}` in CRS_DEFS) return `EPSG:${rootCode}`;

  const upper = text.toUpperCase();
  if (!/PROJCS|PROJCRS/.test(upper)) {
    return /GEOGCS|GEOGCRS/.test(upper) && /WGS[_ ]?(19)?84/.test(upper) ? 'EPSG:4326' : null;
  }
  const param = (name: string): number | null => {
    const pattern = name.replace(/[_ ]/g, '[_ ]');
    const m = new RegExp(`PARAMETER\\[\\s*"${pattern}"\\s*,\\s*(-?[\\d.eE+-]+)`, 'i').exec(text);
    return m ? Number(m[1]) : null;
  };
  const lon0 = param('central_meridian') ?? param('Longitude of natural origin');
  const lat0 = param('latitude_of_origin') ?? param('Latitude of natural origin');
  const k = param('scale_factor') ?? param('Scale factor at natural origin');
  const x0 = param('false_easting');
  const y0 = param('false_northing');
  if (lon0 === null || x0 === null || y0 === null) return null;
  const bessel = /BESSEL/.test(upper);
  const grs80 = /GRS[_ ]?(19)?80|KOREA[_ ]?2000|KGD2002/.test(upper);
  const near = (a: number | null, b: number, tol = 1e-6) => a !== null && Math.abs(a - b) < tol;
  if (lat0 !== null && !near(lat0, 38)) return null;
  if (bessel && near(lon0, 127.002890277778, 1e-5) && near(x0, 200000, 0.01) && near(y0, 500000, 0.01) && (k === null || near(k, 1))) {
    return 'EPSG:5174';
  }
  if (!grs80) return null;
  if (near(lon0, 127.5) && near(x0, 1000000, 0.01) && near(y0, 2000000, 0.01) && near(k, 0.9996)) return 'EPSG:5179';
  if (k !== null && !near(k, 1)) return null;
  if (near(x0, 200000, 0.01) && near(y0, 600000, 0.01)) {
    if (near(lon0, 127)) return 'EPSG:5186';
    if (near(lon0, 125)) return 'EPSG:5185';
    if (near(lon0, 129)) return 'EPSG:5187';
  }
  if (near(x0, 200000, 0.01) && near(y0, 500000, 0.01) && near(lon0, 127)) return 'EPSG:5181';
  return null;
}
