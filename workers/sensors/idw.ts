// Inverse-distance-weighted surface of one quantity from scattered sensor readings, on a lon/lat
// grid (row 0 = north). Only readings within `radiusM` of a cell contribute, and a cell with none
// stays NaN: the surface never extrapolates beyond the stated radius. Exact at sample points.
// Distances use a local equirectangular projection (error < 0.1 % across Seoul's 40 km).
import { EngineRun, type EngineControl } from '../engineControl.js';

export interface IdwInput {
  lon: Float64Array;
  lat: Float64Array;
  values: Float64Array;
  /** [west, south, east, north] in degrees. */
  bbox: readonly [number, number, number, number];
  width: number;
  height: number;
  /** Weight = 1 / d^power (default 2). */
  power?: number;
  /** Search radius in metres (default 2,000). */
  radiusM?: number;
}

export interface IdwResult {
  /** width × height, row-major, row 0 = north; NaN where no reading lies within the radius. */
  grid: Float32Array;
  width: number;
  height: number;
  bbox: [number, number, number, number];
  min: number;
  max: number;
  cellsWithData: number;
  radiusM: number;
  power: number;
}

const EARTH_RADIUS = 6_371_008.8;

export function interpolateIdw(input: IdwInput, control?: EngineControl): IdwResult {
  const run = new EngineRun('idw', control);
  const { lon, lat, values, width, height } = input;
  const power = input.power ?? 2;
  const radius = input.radiusM ?? 2000;
  const [w, s, e, n] = input.bbox;
  const n0 = values.length;
  if (lon.length !== n0 || lat.length !== n0) throw new Error('idw: lon, lat and values differ in length');
  if (!(width > 0 && height > 0)) throw new Error('idw: grid must have cells');
  const lat0 = ((s + n) / 2) * (Math.PI / 180);
  const mx = EARTH_RADIUS * Math.cos(lat0) * (Math.PI / 180); // metres per degree of longitude
  const my = EARTH_RADIUS * (Math.PI / 180);
  // Sample points in metres from the west/north corner; buckets of `radius` size for lookups.
  const px = new Float64Array(n0);
  const py = new Float64Array(n0);
  const bw = Math.max(1, Math.ceil(((e - w) * mx) / radius) + 1);
  const bh = Math.max(1, Math.ceil(((n - s) * my) / radius) + 1);
  const buckets: number[][] = Array.from({ length: bw * bh }, () => []);
  for (let i = 0; i < n0; i++) {
    if (!Number.isFinite(values[i]) || !Number.isFinite(lon[i]) || !Number.isFinite(lat[i])) continue;
    px[i] = (lon[i] - w) * mx;
    py[i] = (n - lat[i]) * my;
    const bx = Math.floor(px[i] / radius);
    const by = Math.floor(py[i] / radius);
    if (bx < -1 || by < -1 || bx > bw || by > bh) continue; // farther than the radius from the grid
    buckets[Math.min(bh - 1, Math.max(0, by)) * bw + Math.min(bw - 1, Math.max(0, bx))].push(i);
  }
  const grid = new Float32Array(width * height);
  const cw = ((e - w) * mx) / width;
  const ch = ((n - s) * my) / height;
  const r2 = radius * radius;
  const half = power / 2;
  let min = Infinity;
  let max = -Infinity;
  let withData = 0;
  for (let row = 0; row < height; row++) {
    const y = (row + 0.5) * ch;
    for (let col = 0; col < width; col++) {
      run.tick(row * width + col, width * height);
      const x = (col + 0.5) * cw;
      const bx = Math.floor(x / radius);
      const by = Math.floor(y / radius);
      let sw = 0;
      let sv = 0;
      let exact = NaN;
      for (let yy = Math.max(0, by - 1); yy <= Math.min(bh - 1, by + 1) && Number.isNaN(exact); yy++) {
        for (let xx = Math.max(0, bx - 1); xx <= Math.min(bw - 1, bx + 1); xx++) {
          for (const i of buckets[yy * bw + xx]) {
            const dx = px[i] - x;
            const dy = py[i] - y;
            const d2 = dx * dx + dy * dy;
            if (d2 > r2) continue;
            if (d2 < 1e-6) {
              exact = values[i];
              break;
            }
            const wgt = 1 / Math.pow(d2, half);
            sw += wgt;
            sv += wgt * values[i];
          }
          if (!Number.isNaN(exact)) break;
        }
      }
      const v = !Number.isNaN(exact) ? exact : sw > 0 ? sv / sw : NaN;
      grid[row * width + col] = v;
      if (!Number.isNaN(v)) {
        withData++;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return { grid, width, height, bbox: [w, s, e, n], min: withData ? min : NaN, max: withData ? max : NaN, cellsWithData: withData, radiusM: radius, power };
}

/** The same value at one lon/lat, for tests and for the click read-out. */
/** `refLat`: latitude of the projection (the grid uses its bbox centre). */
export function idwAt(input: Pick<IdwInput, 'lon' | 'lat' | 'values' | 'power' | 'radiusM'>, lonQ: number, latQ: number, refLat = latQ): number {
  const power = input.power ?? 2;
  const radius = input.radiusM ?? 2000;
  const mx = EARTH_RADIUS * Math.cos(refLat * (Math.PI / 180)) * (Math.PI / 180);
  const my = EARTH_RADIUS * (Math.PI / 180);
  let sw = 0;
  let sv = 0;
  for (let i = 0; i < input.values.length; i++) {
    const dx = (input.lon[i] - lonQ) * mx;
    const dy = (input.lat[i] - latQ) * my;
    const d2 = dx * dx + dy * dy;
    if (d2 > radius * radius || !Number.isFinite(input.values[i])) continue;
    if (d2 < 1e-6) return input.values[i];
    const wgt = 1 / Math.pow(d2, power / 2);
    sw += wgt;
    sv += wgt * input.values[i];
  }
  return sw > 0 ? sv / sw : NaN;
}
