// Visible share of named targets (Han River, Namsan, Bukhansan: viewTargets.ts) per floor of a
// building, from a window on one facade and from the rooftop.
//
// INPUT  (TargetSharesInput)
//   dsm       surface model (RasterGrid, EPSG:5186, orthometric m), proposals burnt in
//   building  { ring: [x, y][] EPSG:5186 outer ring (footprints.json is lon/lat: project it with
//               common/crs.ts fromWgs84('EPSG:5186', lon, lat)), height (m), floors? (0/absent: height / 3.3 m),
//               groundZ? (orthometric ground at the facade; default: the DSM just outside the window) }
//   window    { x, y } a point on (or near) the chosen facade; default: middle of the longest edge
//   targets   ViewTarget[] (sample points x, y, z), or leave it out and give
//   water     the parsed hydro/seoul_water_bodies.geojson: the default targets (Han River, Namsan,
//             Bukhansan; viewTargets.ts defaultViewTargets) are then built in the worker
//   curvatureCoeff / sphereDiameter   as in viewshed.ts (defaults: gdal_viewshed's)
//   azimuthBins   resolution of the skyline used for samples beyond the DSM (default 3600: 0.1°)
// OUTPUT (TargetSharesResult): one row per floor (1 = ground floor) plus 'roof', each with the
//   observer height and, per target, the share of its samples visible (NaN when it has none).
//
// MODEL: the observer stands at the window: at the floor's mid-height, one cell outside the wall
// along the facade's outward normal (so the building itself hides what lies behind it); the
// rooftop observer stands 1.5 m above the roof at the footprint's centre. A sample is visible when
// the straight sight line to it clears the DSM everywhere on its way, with the DSM heights lowered
// by curvature and refraction like gdal_viewshed (coeff * d² / earth diameter). Beyond the DSM's
// extent nothing is known: there only curvature applies (no terrain, no buildings), so a target
// outside the DSM is visible when it clears the skyline the DSM makes in its direction. That
// skyline is traced once per azimuth bin that holds a sample (the ray is walked once per window and
// reused for every floor); samples inside the DSM are traced exactly along their own line. This is
// an exact trace (sampled every half cell), not gdal_viewshed's interpolated sight plane.
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';
import { EngineRun, type EngineControl } from '../engineControl.js';
import { DEFAULT_CURVATURE_COEFF, GRS80_DIAMETER } from './viewshed.js';
import { defaultViewTargets, type ViewTarget, type WaterCollection } from './viewTargets.js';

export const DEFAULT_FLOOR_HEIGHT = 3.3;
export const ROOFTOP_EYE_HEIGHT = 1.5;

export interface TargetSharesInput {
  dsm: RasterGrid;
  building: { ring: [number, number][]; height: number; floors?: number; groundZ?: number };
  window?: { x: number; y: number };
  targets?: ViewTarget[];
  water?: WaterCollection;
  curvatureCoeff?: number;
  sphereDiameter?: number;
  azimuthBins?: number;
  /** Leave out the rooftop row. */
  noRoof?: boolean;
}

export interface TargetShareRow {
  /** 1 = ground floor; floors + 1 for the roof. */
  floor: number;
  label: string;
  /** Observer eye, EPSG:5186 and orthometric metres. */
  x: number;
  y: number;
  z: number;
  /** Per target (same order as `targets`). */
  shares: number[];
  visible: number[];
}

export interface TargetSharesResult {
  targets: string[];
  samples: number[];
  /** Samples of each target inside the DSM (traced exactly) — the rest only meet the skyline. */
  samplesInsideDsm: number[];
  rows: TargetShareRow[];
  floorHeight: number;
  groundZ: number;
  notes: string[];
}

export interface Eye {
  x: number;
  y: number;
  z: number;
}

/** Heights along one ray from a ground point: distances and curvature-lowered DSM heights. */
interface RayProfile {
  d: Float64Array;
  h: Float64Array;
}

/**
 * Rays from one (x, y) by azimuth bin, shared by every eye height at that point (the floors of
 * one window), so each ray is walked through the DSM once however many floors ask.
 */
export class RayProfiles {
  private readonly cache = new Map<number, RayProfile>();
  readonly binWidth: number;

  constructor(
    readonly dsm: RasterGrid,
    readonly x: number,
    readonly y: number,
    readonly k: number,
    readonly bins: number,
  ) {
    this.binWidth = (2 * Math.PI) / bins;
  }

  bin(azimuth: number): number {
    const b = Math.floor((((azimuth % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) / this.binWidth);
    return b >= this.bins ? 0 : b;
  }

  /** The ray along bin `b`'s centre to the edge of the DSM. */
  profile(b: number): RayProfile {
    let p = this.cache.get(b);
    if (!p) this.cache.set(b, (p = walkRay(this.dsm, this.x, this.y, (b + 0.5) * this.binWidth, Infinity, this.k)));
    return p;
  }
}

/** Samples the DSM every half cell along a ray, from half a cell out up to maxD or the DSM edge. */
function walkRay(dsm: RasterGrid, x: number, y: number, azimuth: number, maxD: number, k: number): RayProfile {
  const step = dsm.cellSize / 2;
  const dx = Math.sin(azimuth),
    dy = Math.cos(azimuth);
  const { values, width, height, originX, originY, cellSize, noData } = dsm;
  const ds: number[] = [];
  const hs: number[] = [];
  for (let d = step; d < maxD; d += step) {
    const col = Math.floor((x + dx * d - originX) / cellSize);
    const row = Math.floor((originY - y - dy * d) / cellSize);
    if (col < 0 || row < 0 || col >= width || row >= height) break;
    const h = values[row * width + col];
    if (h === noData || h !== h) continue;
    ds.push(d);
    hs.push(h - k * d * d);
  }
  return { d: Float64Array.from(ds), h: Float64Array.from(hs) };
}

function maxSlope(p: RayProfile, z: number): number {
  let best = -Infinity;
  const { d, h } = p;
  for (let i = 0; i < d.length; i++) {
    const s = (h[i] - z) / d[i];
    if (s > best) best = s;
  }
  return best;
}

/** Line-of-sight tester from one eye over a DSM (see the model above). */
export class SightLines {
  private readonly horizon: Float64Array;
  private readonly rays: RayProfiles;

  constructor(
    private readonly dsm: RasterGrid,
    private readonly eye: Eye,
    curvatureCoeff = DEFAULT_CURVATURE_COEFF,
    sphereDiameter = GRS80_DIAMETER,
    bins = 3600,
    rays?: RayProfiles,
  ) {
    this.rays = rays ?? new RayProfiles(dsm, eye.x, eye.y, curvatureCoeff / sphereDiameter, bins);
    this.horizon = new Float64Array(this.rays.bins).fill(NaN);
  }

  /** Is the point (x, y, z) visible? Inside the DSM the line is traced up to the target's own cell;
   *  beyond it the point must clear the skyline of its azimuth bin. */
  visible(x: number, y: number, z: number): boolean {
    const { eye, rays } = this;
    const ex = x - eye.x,
      ey = y - eye.y;
    const d = Math.hypot(ex, ey);
    if (d < 1e-9) return true;
    const slope = (z - rays.k * d * d - eye.z) / d;
    const az = Math.atan2(ex, ey);
    if (this.inside(x, y)) return slope >= maxSlope(walkRay(this.dsm, eye.x, eye.y, az, d - this.dsm.cellSize, rays.k), eye.z);
    const bin = rays.bin(az);
    let h = this.horizon[bin];
    if (h !== h) h = this.horizon[bin] = maxSlope(rays.profile(bin), eye.z);
    return slope >= h;
  }

  inside(x: number, y: number): boolean {
    return inside(this.dsm, x, y);
  }
}

export function computeTargetShares(input: TargetSharesInput, control?: EngineControl): TargetSharesResult {
  const { dsm, building } = input;
  assertGrid(dsm, 'target shares surface');
  const notes: string[] = [];
  let targets = input.targets;
  if (!targets) {
    if (!input.water) throw new Error('target shares: give targets, or the water polygons for the default targets');
    targets = defaultViewTargets(input.water, { onIssue: (m) => notes.push(m) });
  }
  const run = new EngineRun('targetShares', control);
  const ring = openRing(building.ring);
  if (ring.length < 3) throw new Error(`target shares: the building ring has ${ring.length} distinct vertices (need 3)`);
  if (!(building.height > 0)) throw new Error(`target shares: building height ${building.height} must be positive`);
  const floors = building.floors && building.floors > 0 ? Math.round(building.floors) : Math.max(1, Math.floor(building.height / DEFAULT_FLOOR_HEIGHT));
  const floorHeight = building.height / floors;
  if (!(building.floors && building.floors > 0))
    notes.push(`floor count not known: ${floors} floors of ${floorHeight.toFixed(2)} m (height / ${DEFAULT_FLOOR_HEIGHT} m)`);

  const win = windowPoint(ring, dsm.cellSize, input.window);
  if (!inside(dsm, win.x, win.y)) throw new Error(`target shares: the window (${win.x.toFixed(1)}, ${win.y.toFixed(1)}) lies outside the surface raster`);
  const groundZ = building.groundZ ?? groundNear(dsm, win.x, win.y);
  if (!Number.isFinite(groundZ)) throw new Error('target shares: no ground height at the window (surface has no data there); give building.groundZ');

  const cc = input.curvatureCoeff ?? DEFAULT_CURVATURE_COEFF;
  const diameter = input.sphereDiameter ?? GRS80_DIAMETER;
  const bins = input.azimuthBins ?? 3600;
  const eyes: { floor: number; label: string; eye: Eye }[] = [];
  for (let f = 1; f <= floors; f++) eyes.push({ floor: f, label: `floor ${f}`, eye: { x: win.x, y: win.y, z: groundZ + (f - 0.5) * floorHeight } });
  if (!input.noRoof) {
    const [cx, cy] = centroid(ring);
    eyes.push({ floor: floors + 1, label: 'roof', eye: { x: cx, y: cy, z: groundZ + building.height + ROOFTOP_EYE_HEIGHT } });
  }

  const samples = targets.map((t) => t.points.length / 3);
  const samplesInsideDsm = targets.map((t) => {
    let n = 0;
    for (let i = 0; i < t.points.length; i += 3) if (inside(dsm, t.points[i], t.points[i + 1])) n++;
    return n;
  });
  targets.forEach((t, i) => notes.push(`${t.name}: ${samples[i]} samples (${samplesInsideDsm[i]} inside the surface model); ${t.model}`));

  const rows: TargetShareRow[] = [];
  const windowRays = new RayProfiles(dsm, win.x, win.y, cc / diameter, bins);
  eyes.forEach(({ floor, label, eye }, e) => {
    run.report(e / eyes.length, label);
    const lines = new SightLines(dsm, eye, cc, diameter, bins, eye.x === win.x && eye.y === win.y ? windowRays : undefined);
    const visible = targets.map((t) => {
      let v = 0;
      for (let i = 0; i < t.points.length; i += 3) if (lines.visible(t.points[i], t.points[i + 1], t.points[i + 2])) v++;
      return v;
    });
    rows.push({ floor, label, x: eye.x, y: eye.y, z: eye.z, visible, shares: visible.map((v, i) => (samples[i] ? v / samples[i] : NaN)) });
  });
  run.report(1, 'done');
  return { targets: targets.map((t) => t.name), samples, samplesInsideDsm, rows, floorHeight, groundZ, notes };
}

function openRing(r: [number, number][]): [number, number][] {
  const out = r.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

function inside(g: RasterGrid, x: number, y: number): boolean {
  return x >= g.originX && x < g.originX + g.width * g.cellSize && y <= g.originY && y > g.originY - g.height * g.cellSize;
}

/** The facade point nearest `near` (or the middle of the longest edge), pushed one cell outwards. */
export function windowPoint(ring: [number, number][], cellSize: number, near?: { x: number; y: number }): { x: number; y: number } {
  const ccw = signedArea(ring) > 0;
  let best = { d: Infinity, px: 0, py: 0, nx: 0, ny: 0 };
  for (let i = 0; i < ring.length; i++) {
    const [ax, ay] = ring[i];
    const [bx, by] = ring[(i + 1) % ring.length];
    const lx = bx - ax,
      ly = by - ay;
    const len = Math.hypot(lx, ly);
    if (len === 0) continue;
    // Outward normal: right of the edge for a counter-clockwise ring.
    const nx = (ccw ? ly : -ly) / len,
      ny = (ccw ? -lx : lx) / len;
    let px: number, py: number, d: number;
    if (near) {
      const t = Math.max(0, Math.min(1, ((near.x - ax) * lx + (near.y - ay) * ly) / (len * len)));
      px = ax + t * lx;
      py = ay + t * ly;
      d = Math.hypot(near.x - px, near.y - py);
    } else {
      px = ax + lx / 2;
      py = ay + ly / 2;
      d = -len;
    }
    if (d < best.d) best = { d, px, py, nx, ny };
  }
  return { x: best.px + best.nx * cellSize, y: best.py + best.ny * cellSize };
}

function signedArea(r: [number, number][]): number {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += r[j][0] * r[i][1] - r[i][0] * r[j][1];
  return s / 2;
}

function centroid(r: [number, number][]): [number, number] {
  let sx = 0,
    sy = 0;
  for (const [x, y] of r) {
    sx += x;
    sy += y;
  }
  return [sx / r.length, sy / r.length];
}

/** Lowest DSM value within one cell of (x, y): the ground in front of the facade. */
function groundNear(g: RasterGrid, x: number, y: number): number {
  const c0 = Math.floor((x - g.originX) / g.cellSize),
    r0 = Math.floor((g.originY - y) / g.cellSize);
  let best = Infinity;
  for (let r = r0 - 1; r <= r0 + 1; r++)
    for (let c = c0 - 1; c <= c0 + 1; c++) {
      if (r < 0 || c < 0 || r >= g.height || c >= g.width) continue;
      const v = g.values[r * g.width + c];
      if (v !== g.noData && v === v && v < best) best = v;
    }
  return best;
}
