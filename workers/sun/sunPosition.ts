// Solar position by the NREL Solar Position Algorithm (Reda & Andreas 2004, rev. 2008): about
// ±0.0003° over -2000..6000. suncalc and similar short formulas are off by ~0.1-1°, too much
// for hour counts that must agree with the shadows Cesium draws. The unit test reproduces the
// paper's worked example (zenith 50.11162°, azimuth 194.34024°) and compares with Cesium's sun.
//
// Times are UTC instants (ms since 1970, as Date.getTime()); UT1-UTC (< 0.9 s, < 0.004°) is
// ignored. Korea Standard Time is UTC+9 with no daylight saving.
//
// The grid frame: EPSG:5186 (Korea 2000 / Central Belt 2010, transverse Mercator on GRS80,
// lon_0 127°E, lat_0 38°N, x_0 200 km, y_0 600 km). Grid north differs from true north by the
// meridian convergence (about -0.01° over central Seoul, larger further from 127°E), so a sun
// azimuth becomes a grid azimuth by subtracting it (sunDirectionGrid).
import { B_TERMS, L_TERMS, NUTATION_ABCD, NUTATION_Y, R_TERMS, type Term } from './spaTables.js';

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

export const KST_OFFSET_MS = 9 * 3_600_000;

/** ΔT = TT - UT in seconds; ~69 s for 2020-2030 (IERS). A 1 s error moves the sun by < 0.0002°. */
export const DEFAULT_DELTA_T = 69.2;

export interface SpaSite {
  /** Degrees east. */
  lon: number;
  /** Degrees north. */
  lat: number;
  /** Metres above sea level (parallax; the paper's term). Default 0. */
  elevation?: number;
  /** Mean annual pressure, millibar (refraction). Default 1013.25. */
  pressure?: number;
  /** Mean annual temperature, °C (refraction). Default 12 (Seoul). */
  temperature?: number;
  /** TT - UT, seconds. Default DEFAULT_DELTA_T. */
  deltaT?: number;
  /** Atmospheric refraction at sunrise/sunset, degrees (the paper's 0.5667). */
  atmosRefract?: number;
}

export interface SolarPosition {
  /** Topocentric zenith angle with refraction, degrees. */
  zenith: number;
  /** Topocentric azimuth, degrees clockwise from true north. */
  azimuth: number;
  /** 90 - zenith: apparent (refracted) elevation, degrees. */
  elevation: number;
  /** Topocentric elevation without refraction (geometric), degrees. */
  elevationGeometric: number;
  /** Intermediate values of the algorithm (checked against the paper). */
  jd: number;
  /** Geocentric apparent right ascension and declination, degrees. */
  rightAscension: number;
  declination: number;
  /** Observer local hour angle, degrees. */
  hourAngle: number;
  /** Apparent sun longitude λ, degrees. */
  sunLongitude: number;
  /** Earth radius vector, AU. */
  radius: number;
  /** Heliocentric longitude and latitude of the Earth, degrees. */
  helioLongitude: number;
  helioLatitude: number;
  nutationLongitude: number;
  nutationObliquity: number;
  trueObliquity: number;
}

function mod360(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

function series(terms: readonly (readonly Term[])[], jme: number): number {
  let sum = 0;
  let pow = 1;
  for (const rows of terms) {
    let s = 0;
    for (const [a, b, c] of rows) s += a * Math.cos(b + c * jme);
    sum += s * pow;
    pow *= jme;
  }
  return sum / 1e8;
}

/** Julian day (UT) of a UTC instant. */
export function julianDay(utcMs: number): number {
  return utcMs / 86_400_000 + 2_440_587.5;
}

/** Geocentric part (no site): apparent longitude, RA, declination, sidereal time. */
function geocentric(jd: number, deltaT: number) {
  const jc = (jd - 2_451_545) / 36_525;
  const jde = jd + deltaT / 86_400;
  const jce = (jde - 2_451_545) / 36_525;
  const jme = jce / 10;

  const helioLongitude = mod360(series(L_TERMS, jme) * R2D);
  const helioLatitude = series(B_TERMS, jme) * R2D;
  const radius = series(R_TERMS, jme);
  const theta = mod360(helioLongitude + 180);
  const beta = -helioLatitude;

  const x0 = 297.85036 + 445267.11148 * jce - 0.0019142 * jce * jce + (jce * jce * jce) / 189474;
  const x1 = 357.52772 + 35999.05034 * jce - 0.0001603 * jce * jce - (jce * jce * jce) / 300000;
  const x2 = 134.96298 + 477198.867398 * jce + 0.0086972 * jce * jce + (jce * jce * jce) / 56250;
  const x3 = 93.27191 + 483202.017538 * jce - 0.0036825 * jce * jce + (jce * jce * jce) / 327270;
  const x4 = 125.04452 - 1934.136261 * jce + 0.0020708 * jce * jce + (jce * jce * jce) / 450000;
  let dPsi = 0;
  let dEps = 0;
  for (let i = 0; i < NUTATION_Y.length; i++) {
    const y = NUTATION_Y[i];
    const arg = (x0 * y[0] + x1 * y[1] + x2 * y[2] + x3 * y[3] + x4 * y[4]) * D2R;
    const [a, b, c, d] = NUTATION_ABCD[i];
    dPsi += (a + b * jce) * Math.sin(arg);
    dEps += (c + d * jce) * Math.cos(arg);
  }
  const nutationLongitude = dPsi / 36_000_000;
  const nutationObliquity = dEps / 36_000_000;

  const u = jme / 10;
  const eps0 =
    84381.448 + u * (-4680.93 + u * (-1.55 + u * (1999.25 + u * (-51.38 + u * (-249.67 + u * (-39.05 + u * (7.12 + u * (27.87 + u * (5.79 + u * 2.45)))))))));
  const trueObliquity = eps0 / 3600 + nutationObliquity;

  const aberration = -20.4898 / (3600 * radius);
  const sunLongitude = theta + nutationLongitude + aberration;

  const nu0 = mod360(280.46061837 + 360.98564736629 * (jd - 2_451_545) + 0.000387933 * jc * jc - (jc * jc * jc) / 38_710_000);
  const nu = nu0 + nutationLongitude * Math.cos(trueObliquity * D2R);

  const lam = sunLongitude * D2R;
  const eps = trueObliquity * D2R;
  const b = beta * D2R;
  const rightAscension = mod360(Math.atan2(Math.sin(lam) * Math.cos(eps) - Math.tan(b) * Math.sin(eps), Math.cos(lam)) * R2D);
  const declination = Math.asin(Math.sin(b) * Math.cos(eps) + Math.cos(b) * Math.sin(eps) * Math.sin(lam)) * R2D;
  return { helioLongitude, helioLatitude, radius, nutationLongitude, nutationObliquity, trueObliquity, sunLongitude, nu, rightAscension, declination };
}

/** Sun position seen from a site at a UTC instant (NREL SPA, all steps of the paper). */
export function solarPosition(utcMs: number, site: SpaSite): SolarPosition {
  const jd = julianDay(utcMs);
  const g = geocentric(jd, site.deltaT ?? DEFAULT_DELTA_T);
  const lat = site.lat * D2R;
  const elevationM = site.elevation ?? 0;
  const hourAngle = mod360(g.nu + site.lon - g.rightAscension);
  const h = hourAngle * D2R;
  const dec = g.declination * D2R;

  // Topocentric correction (parallax of the Sun seen from the site, not the Earth's centre).
  const xi = (8.794 / (3600 * g.radius)) * D2R;
  const uu = Math.atan(0.99664719 * Math.tan(lat));
  const x = Math.cos(uu) + (elevationM / 6_378_140) * Math.cos(lat);
  const y = 0.99664719 * Math.sin(uu) + (elevationM / 6_378_140) * Math.sin(lat);
  const dAlpha = Math.atan2(-x * Math.sin(xi) * Math.sin(h), Math.cos(dec) - x * Math.sin(xi) * Math.cos(h));
  const decTopo = Math.atan2((Math.sin(dec) - y * Math.sin(xi)) * Math.cos(dAlpha), Math.cos(dec) - x * Math.sin(xi) * Math.cos(h));
  const hTopo = h - dAlpha;

  const e0 = Math.asin(Math.sin(lat) * Math.sin(decTopo) + Math.cos(lat) * Math.cos(decTopo) * Math.cos(hTopo)) * R2D;
  const pressure = site.pressure ?? 1013.25;
  const temperature = site.temperature ?? 12;
  const atmosRefract = site.atmosRefract ?? 0.5667;
  const SUN_RADIUS = 0.26667;
  const refraction =
    e0 >= -(SUN_RADIUS + atmosRefract) ? (pressure / 1010) * (283 / (273 + temperature)) * (1.02 / (60 * Math.tan((e0 + 10.3 / (e0 + 5.11)) * D2R))) : 0;
  const elevation = e0 + refraction;
  const gamma = Math.atan2(Math.sin(hTopo), Math.cos(hTopo) * Math.sin(lat) - Math.tan(decTopo) * Math.cos(lat)) * R2D;
  return {
    zenith: 90 - elevation,
    azimuth: mod360(gamma + 180),
    elevation,
    elevationGeometric: e0,
    jd,
    rightAscension: g.rightAscension,
    declination: g.declination,
    hourAngle,
    sunLongitude: g.sunLongitude,
    radius: g.radius,
    helioLongitude: g.helioLongitude,
    helioLatitude: g.helioLatitude,
    nutationLongitude: g.nutationLongitude,
    nutationObliquity: g.nutationObliquity,
    trueObliquity: g.trueObliquity,
  };
}

/** Unit vector toward the sun in local east-north-up from azimuth (from north, clockwise) and elevation, degrees. */
export function enuFromAzEl(azimuthDeg: number, elevationDeg: number): [number, number, number] {
  const az = azimuthDeg * D2R;
  const el = elevationDeg * D2R;
  return [Math.sin(az) * Math.cos(el), Math.cos(az) * Math.cos(el), Math.sin(el)];
}

// --- EPSG:5186 -------------------------------------------------------------------------------

const GRS80_A = 6_378_137;
const GRS80_F = 1 / 298.257222101;
const E2 = GRS80_F * (2 - GRS80_F);
const EP2 = E2 / (1 - E2);
const LON0 = 127;
const LAT0 = 38;
const X0 = 200_000;
const Y0 = 600_000;

function meridianArc(phi: number): number {
  const e4 = E2 * E2;
  const e6 = e4 * E2;
  return (
    GRS80_A *
    ((1 - E2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * phi -
      ((3 * E2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * phi) +
      ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * phi) -
      ((35 * e6) / 3072) * Math.sin(6 * phi))
  );
}

/**
 * EPSG:5186 grid (x east, y north, metres) to longitude/latitude in degrees (GRS80 ≈ WGS84 here).
 * Snyder's inverse transverse Mercator series: sub-millimetre within the Central Belt, far more
 * than the sun position needs (checked against proj4 in the unit test).
 */
export function gridToLonLat5186(x: number, y: number): [number, number] {
  const m = meridianArc(LAT0 * D2R) + (y - Y0);
  const mu = m / (GRS80_A * (1 - E2 / 4 - (3 * E2 * E2) / 64 - (5 * E2 * E2 * E2) / 256));
  const e1 = (1 - Math.sqrt(1 - E2)) / (1 + Math.sqrt(1 - E2));
  const phi1 =
    mu +
    ((3 * e1) / 2 - (27 * e1 ** 3) / 32) * Math.sin(2 * mu) +
    ((21 * e1 * e1) / 16 - (55 * e1 ** 4) / 32) * Math.sin(4 * mu) +
    ((151 * e1 ** 3) / 96) * Math.sin(6 * mu) +
    ((1097 * e1 ** 4) / 512) * Math.sin(8 * mu);
  const s = Math.sin(phi1);
  const c = Math.cos(phi1);
  const t = Math.tan(phi1);
  const c1 = EP2 * c * c;
  const t1 = t * t;
  const n1 = GRS80_A / Math.sqrt(1 - E2 * s * s);
  const r1 = (GRS80_A * (1 - E2)) / Math.pow(1 - E2 * s * s, 1.5);
  const d = (x - X0) / n1;
  const lat =
    phi1 -
    ((n1 * t) / r1) *
      ((d * d) / 2 -
        ((5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * EP2) * d ** 4) / 24 +
        ((61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * EP2 - 3 * c1 * c1) * d ** 6) / 720);
  const lon = (d - ((1 + 2 * t1 + c1) * d ** 3) / 6 + ((5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * EP2 + 24 * t1 * t1) * d ** 5) / 120) / c;
  return [LON0 + lon * R2D, lat * R2D];
}

/**
 * Meridian convergence of EPSG:5186 at (lon, lat), degrees: the grid azimuth of a direction is its
 * true azimuth minus this. Positive east of 127°E (true north leans to grid north-west there).
 * Transverse Mercator series (Snyder 1987) to Δλ^5.
 */
export function gridConvergence5186(lon: number, lat: number): number {
  const dl = (lon - LON0) * D2R;
  const phi = lat * D2R;
  const c2 = Math.cos(phi) ** 2;
  const t2 = Math.tan(phi) ** 2;
  const eta2 = EP2 * c2;
  const g = dl * Math.sin(phi) * (1 + ((dl * dl * c2) / 3) * (1 + 3 * eta2 + 2 * eta2 * eta2) + ((dl ** 4 * c2 * c2) / 15) * (2 - t2));
  return g * R2D;
}

export interface GridSun {
  /** Unit vector toward the sun: x grid east, y grid north, z up. */
  x: number;
  y: number;
  z: number;
  /** Azimuth in the grid (clockwise from grid north) and apparent elevation, degrees. */
  gridAzimuth: number;
  elevation: number;
  position: SolarPosition;
}

/**
 * Sun direction in the EPSG:5186 grid frame at `utcMs`, seen from (lon, lat). Uses the apparent
 * (refracted) elevation: the light that casts the shadow is refracted too.
 */
export function sunDirectionGrid(utcMs: number, site: SpaSite): GridSun {
  const position = solarPosition(utcMs, site);
  const gridAzimuth = mod360(position.azimuth - gridConvergence5186(site.lon, site.lat));
  const [x, y, z] = enuFromAzEl(gridAzimuth, position.elevation);
  return { x, y, z, gridAzimuth, elevation: position.elevation, position };
}

// --- Korean civil dates ----------------------------------------------------------------------

/** UTC instant of a KST wall-clock time: date 'YYYY-MM-DD' and minutes after local midnight. */
export function kstInstant(date: string, minuteOfDay: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`date ${JSON.stringify(date)} is not YYYY-MM-DD`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + minuteOfDay * 60_000 - KST_OFFSET_MS;
  const back = new Date(ms + KST_OFFSET_MS - minuteOfDay * 60_000);
  if (back.getUTCDate() !== Number(m[3]) || back.getUTCMonth() !== Number(m[2]) - 1) throw new Error(`date ${date} does not exist`);
  return ms;
}

/**
 * The KST calendar date ('YYYY-MM-DD') of the December solstice of `year`: the day in which the
 * sun's apparent longitude passes 270° (found from SPA's λ at KST midnights).
 */
export function winterSolsticeKst(year: number): string {
  for (let day = 15; day <= 27; day++) {
    const date = `${year}-12-${String(day).padStart(2, '0')}`;
    const a = geocentric(julianDay(kstInstant(date, 0)), DEFAULT_DELTA_T).sunLongitude;
    const b = geocentric(julianDay(kstInstant(date, 1440)), DEFAULT_DELTA_T).sunLongitude;
    if (mod360(a) < 270 && mod360(b) >= 270) return date;
  }
  throw new Error(`no December solstice found for ${year}`);
}
