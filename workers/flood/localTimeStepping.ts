// Local time stepping for the local-inertial solver (localInertial.ts): each face advances on its
// own power-of-two fraction of one outer step, set by the water it carries, instead of every face
// following the deepest water on the grid. In a rain flood the stable step (Bates 2010, eq. 12)
// is set by a few hundred cells in closed hollows 5-10 m deep, while most of the ground carries a
// film of millimetres that is stable at ten seconds: the deep few take the short steps, the rest
// long ones (the multirate idea of Sanders 2008, J. Hydraul. Res. 46; Dazzi et al. 2018, J.
// Hydrol. 563).
//
// Mass stays exact: every face update moves q * dt_face * dx of water from one cell to its
// neighbour (or out of the grid) at once, so what one cell loses the other gains, whatever the
// clocks. The outflow limiter runs per sub-step over the faces that update in it, with their own
// steps, so no cell gives more than it holds. Rain and drainage act at each cell's own updates.
//
// Levels: a face on level k advances dt = outer / 2^k. A cell's level is the smallest k whose step
// keeps dt <= courant * dx / sqrt(g h) for its depth (courant 0.25, well under the global step's 0.6; see LocalSteppingOptions.courant); levels are spread so neighbouring cells differ by at most one level
// per `grading` cells (a buffer in which water leaving deep areas still moves on short steps), and
// a face takes the finer level of its two cells. Within the outer step a cell that gains much
// water (a wetting front) lifts its faces to the finest level beside it, so a front does not wait
// for the next outer step to move on; those faces then update from that sub-step onward (their
// last transfer, made on their old, longer step, is kept: mass stays exact, and as such faces
// carried little water the time error is small).
//
// What it costs in accuracy, against the global step on a real crop (2 m, 15 min of 100 mm/h,
// test/integration/floodLocalStepping.test.ts): every cell's maximum depth within 6 mm and the
// same flooded (>= 0.1 m) cells, with a third of the cell updates; on the benchmark's 1 km² window
// after 10 min: 99.8 % of cells within 1 cm, largest difference 6 cm, 97.5 % of the flooded cells
// the same. A coarse cell takes its rain for its whole step at once (at most 10 s: 0.28 mm at
// 100 mm/h), which its maximum depth keeps.
import { GRAVITY, type LocalInertialSolver } from './localInertial.js';

export interface LocalSteppingOptions {
  /** Cells per level of the buffer around finer cells (>= 1). */
  grading: number;
  /** Most halvings of the outer step (the outer step shrinks if the deepest water needs more). */
  maxLevels: number;
  /** Courant number that sets each cell's level: dt <= courant * dx / sqrt(g h). Half the global
   *  step's 0.7: at 0.7 the film on slopes runs at its limit, where the outflow limiter throttles
   *  it (two outgoing faces can ask for 1.4 h), and runoff reached the streets late (on the
   *  benchmark's window after 10 min: 71 % of the flooded cells the same as the global step,
   *  against 97 % at 0.35 and 95 % at 0.5). 0.25, not 0.35: where levels meet, a still deep lake
   *  over steep relief starts to slosh at 0.3 and 0.35 (0.3-0.9 m within 10 min; a single level
   *  at 0.35 stays at rest), and stays at rest at 0.25 (test: deep lake in localStepping.test.ts). */
  courant: number;
}

/** Sub-steps in which more than 1 / DENSE_FRACTION of the cells update sweep the whole grid. */
const DENSE_FRACTION = 6;
/** A cell whose depth passes FRONT_GROWTH x its depth at the outer step's start (+ 10 hDry) is a wetting front. */
const FRONT_GROWTH = 2;

export const DEFAULT_LOCAL_STEPPING: LocalSteppingOptions = { grading: 5, maxLevels: 12, courant: 0.25 };

export interface OuterStepStats {
  /** The outer step actually taken (s). */
  dt: number;
  /** Sub-steps of the finest level. */
  subSteps: number;
  /** Cell (continuity) updates in this outer step. */
  cellUpdates: number;
  /** Shortest face step (s). */
  finestDt: number;
}

/** Growable list of face or cell indices of one level (entries whose level changed are skipped). */
class IndexList {
  items = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = v;
  }
}

export class LocalTimeStepper {
  readonly s: LocalInertialSolver;
  readonly opts: LocalSteppingOptions;
  /** Level per x face / y face / cell (cell: the finest level of its faces). */
  private readonly lx: Uint8Array;
  private readonly ly: Uint8Array;
  private readonly cl: Uint8Array;
  /** The cell's own level (from its depth, spread); raised when a front reaches it. */
  private readonly own: Int32Array;
  private readonly hStart: Float64Array;
  /** Time up to which each cell has had its rain and drainage. */
  private readonly rainClock: Float64Array;
  private rain = 0;
  private drain = 0;
  private rainIn = 0;
  private readonly xLists: IndexList[] = [];
  private readonly yLists: IndexList[] = [];
  private readonly cLists: IndexList[] = [];
  private qNew = new Float64Array(1024);
  private readonly rowOld: Float64Array;
  /** Cells reached by a wetting front in the current sub-step. */
  private readonly pending = new IndexList();
  /** Per-level constants of the current outer step. */
  private readonly dtK: Float64Array;
  private readonly k0K: Float64Array;
  private readonly gdtdxK: Float64Array;
  private readonly frK: Float64Array;
  /** k0K / dtK with the levels below some kMin set to 0 (see k0Masked). */
  private readonly k0Mask: Float64Array;
  private readonly dtMasked: Float64Array;
  private outflowVolume = 0;
  private drained = 0;
  private cellUpdates = 0;

  constructor(solver: LocalInertialSolver, opts: Partial<LocalSteppingOptions> = {}) {
    this.s = solver;
    this.opts = { ...DEFAULT_LOCAL_STEPPING, ...opts };
    const o = this.opts;
    if (
      !(Number.isInteger(o.grading) && o.grading >= 1) ||
      !(Number.isInteger(o.maxLevels) && o.maxLevels >= 0 && o.maxLevels <= 20) ||
      !(o.courant > 0 && o.courant <= 1)
    ) {
      throw new Error(
        `local time stepping: grading ${o.grading} must be a whole number >= 1, maxLevels ${o.maxLevels} one from 0 to 20, courant ${o.courant} in (0, 1]`,
      );
    }
    const n = solver.width * solver.height;
    this.lx = new Uint8Array(solver.qx.length);
    this.ly = new Uint8Array(solver.qy.length);
    this.cl = new Uint8Array(n);
    this.own = new Int32Array(n);
    this.hStart = new Float64Array(n);
    this.rainClock = new Float64Array(n);
    this.rowOld = new Float64Array(solver.width);
    for (let k = 0; k <= o.maxLevels; k++) {
      this.xLists.push(new IndexList());
      this.yLists.push(new IndexList());
      this.cLists.push(new IndexList());
    }
    const L = o.maxLevels + 1;
    this.dtK = new Float64Array(L);
    this.k0K = new Float64Array(L);
    this.gdtdxK = new Float64Array(L);
    this.frK = new Float64Array(L);
    this.k0Mask = new Float64Array(L);
    this.dtMasked = new Float64Array(L);
  }

  /** Depth up to which a step of dt is stable (inverse of Bates 2010 eq. 12). */
  private depthLimit(dt: number): number {
    const c = (this.opts.courant * this.s.dx) / dt;
    return (c * c) / GRAVITY;
  }

  /**
   * Advances at most dtOuter seconds (less if the deepest water needs more than maxLevels
   * halvings) with rain and drainage rates (m/s); tStart (s) is the time now, for arrival times.
   */
  advance(dtOuter: number, rain: number, drain: number, tStart: number): OuterStepStats {
    const s = this.s;
    const { width: W, height: H, h, open } = s;
    const n = W * H;
    const o = this.opts;
    let hMax = 0;
    for (let k = 0; k < n; k++) if (h[k] > hMax) hMax = h[k];
    hMax += rain * dtOuter;
    // Finest level needed by the deepest water; shrink the outer step if it needs too many.
    let dt = dtOuter;
    const hTop = Math.max(hMax, s.opts.hDry);
    let K = 0;
    while (hTop > this.depthLimit(dt / 2 ** K) && K < o.maxLevels) K++;
    if (hTop > this.depthLimit(dt / 2 ** K)) dt = ((o.courant * s.dx) / Math.sqrt(GRAVITY * hTop)) * 2 ** K;

    // Rain and drainage act on each cell at its own updates, for the time since its last one
    // (rainClock), so every cell gets exactly dt of rain however its level changes.
    this.rain = rain;
    this.drain = drain;
    this.rainIn = 0;
    this.rainClock.fill(tStart);
    this.hStart.set(h);
    for (let k = 0; k <= K; k++) {
      const d = dt / 2 ** k;
      this.dtK[k] = d;
      this.k0K[k] = d / s.dx;
      this.gdtdxK[k] = (GRAVITY * d) / s.dx;
      this.frK[k] = GRAVITY * d * s.opts.manningN * s.opts.manningN;
    }
    this.assignLevels(K);
    this.outflowVolume = 0;
    this.drained = 0;
    this.cellUpdates = 0;

    const N = 2 ** K;
    for (let i = 0; i < N; i++) {
      this.pending.length = 0;
      if (i === 0) {
        this.denseStep(0, tStart);
        this.applyPromotions();
      } else {
        let tz = 0;
        while (((i >> tz) & 1) === 0) tz++;
        const kMin = K - tz;
        let active = 0;
        for (let lev = kMin; lev <= K; lev++) active += this.cLists[lev].length;
        if (active * DENSE_FRACTION > n) {
          this.denseStep(kMin, tStart + i * (dt / N));
          this.applyPromotions();
        } else {
          this.sparseStep(kMin, K, tStart + i * (dt / N));
        }
      }
    }

    // Rain and drainage up to the end for any cell whose clock fell short (rounding); deepest water.
    const tEnd = tStart + dt;
    hMax = 0;
    for (let k = 0; k < n; k++) {
      if (!open[k]) continue;
      const span = tEnd - this.rainClock[k];
      if (span > 0) h[k] = this.rainAndDrain(h[k], span);
      if (h[k] > hMax) hMax = h[k];
    }
    const a = s.dx * s.dx;
    s.budget.rainIn += this.rainIn * a;
    s.budget.drained += this.drained * a;
    s.budget.outflow += this.outflowVolume;
    s.hMax = hMax;
    return { dt, subSteps: N, cellUpdates: this.cellUpdates, finestDt: dt / N };
  }

  /** Depth after `span` seconds of rain, then drainage (never more than is there). */
  private rainAndDrain(d: number, span: number): number {
    const r = this.rain * span;
    d += r;
    this.rainIn += r;
    if (d > 0 && this.drain > 0) {
      const dd = this.drain * span;
      const taken = d < dd ? d : dd;
      d -= taken;
      this.drained += taken;
    }
    return d;
  }

  /** Cell levels from depth, spread by `grading`; face levels; lists of the faces and cells above level 0. */
  private assignLevels(K: number): void {
    const s = this.s;
    const { width: W, height: H, h, open } = s;
    const G = this.opts.grading;
    const own = this.own;
    const limits: number[] = [];
    for (let k = 0; k <= K; k++) limits.push(this.depthLimit(this.dtK[k]));
    for (let k = 0; k < W * H; k++) {
      let lev = 0;
      if (open[k]) {
        const d = h[k];
        while (lev < K && d > limits[lev]) lev++;
      }
      own[k] = lev * G;
    }
    // Two chamfer passes: own[c] >= own[j] - (city-block distance from c to j).
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const k = r * W + c;
        let v = own[k];
        if (c > 0 && own[k - 1] - 1 > v) v = own[k - 1] - 1;
        if (r > 0 && own[k - W] - 1 > v) v = own[k - W] - 1;
        own[k] = v;
      }
    }
    for (let r = H - 1; r >= 0; r--) {
      for (let c = W - 1; c >= 0; c--) {
        const k = r * W + c;
        let v = own[k];
        if (c < W - 1 && own[k + 1] - 1 > v) v = own[k + 1] - 1;
        if (r < H - 1 && own[k + W] - 1 > v) v = own[k + W] - 1;
        own[k] = v;
      }
    }
    for (let k = 0; k < W * H; k++) own[k] = Math.ceil(own[k] / G);
    for (const l of this.xLists) l.length = 0;
    for (const l of this.yLists) l.length = 0;
    for (const l of this.cLists) l.length = 0;
    const { lx, ly, cl } = this;
    const W1 = W + 1;
    // A face between two open cells (or at an open edge cell) takes the finer level; faces at walls carry nothing.
    for (let r = 0; r < H; r++) {
      const cell0 = r * W;
      for (let c = 0; c <= W; c++) {
        const f = r * W1 + c;
        let lev = 0;
        if (c === 0) lev = open[cell0] ? own[cell0] : 0;
        else if (c === W) lev = open[cell0 + W - 1] ? own[cell0 + W - 1] : 0;
        else if (open[cell0 + c - 1] & open[cell0 + c]) lev = Math.max(own[cell0 + c - 1], own[cell0 + c]);
        lx[f] = lev;
        if (lev > 0) this.xLists[lev].push(f);
      }
    }
    for (let r = 0; r <= H; r++) {
      for (let c = 0; c < W; c++) {
        const f = r * W + c;
        let lev = 0;
        if (r === 0) lev = open[c] ? own[c] : 0;
        else if (r === H) lev = open[f - W] ? own[f - W] : 0;
        else if (open[f - W] & open[f]) lev = Math.max(own[f - W], own[f]);
        ly[f] = lev;
        if (lev > 0) this.yLists[lev].push(f);
      }
    }
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const k = r * W + c;
        let lev = 0;
        if (open[k]) {
          const fw = r * W1 + c;
          lev = Math.max(lx[fw], lx[fw + 1], ly[k], ly[k + W]);
          if (lev > 0) this.cLists[lev].push(k);
        }
        cl[k] = lev;
      }
    }
  }

  /** New flux of interior face f between cells a and b (Jacobi: prev/next are old neighbour fluxes). */
  private interiorFlux(qOld: number, prev: number, next: number, a: number, b: number, gdtdx: number, fr: number, cr3: Float64Array, f: number): number {
    const s = this.s;
    const { z, h, open } = s;
    if (!(open[a] & open[b])) return 0;
    const { theta, hDry, froudeMax } = s.opts;
    const za = z[a],
      zb = z[b];
    const ea = za + h[a],
      eb = zb + h[b];
    const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
    if (hf <= hDry) return 0;
    let q = theta * qOld + 0.5 * (1 - theta) * (prev + next) - gdtdx * hf * (eb - ea);
    if (qOld !== 0 && fr !== 0) {
      let cr = cr3[f];
      const c3 = cr * cr * cr;
      cr = c3 > 0.5 * hf && c3 < 2 * hf ? (cr * (c3 + 2 * hf)) / (2 * c3 + hf) : Math.cbrt(hf);
      cr3[f] = cr;
      q /= 1 + (fr * (qOld < 0 ? -qOld : qOld)) / (hf * hf * cr);
    }
    const cap2 = froudeMax * froudeMax * GRAVITY * hf * hf * hf;
    if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
    return q;
  }

  private xFaceFlux(f: number, lev: number): number {
    const s = this.s;
    const W = s.width,
      W1 = W + 1;
    const r = (f / W1) | 0;
    const c = f - r * W1;
    const qx = s.qx;
    if (c === 0 || c === W) {
      if (s.opts.boundary !== 'open') return 0;
      const dt = this.dtK[lev];
      const cell0 = r * W;
      return c === 0
        ? Math.min(0, s.edgeFlux(qx[f], cell0, W > 1 ? cell0 + 1 : -1, dt, -1))
        : Math.max(0, s.edgeFlux(qx[f], cell0 + W - 1, W > 1 ? cell0 + W - 2 : -1, dt, 1));
    }
    const a = r * W + c - 1;
    return this.interiorFlux(qx[f], qx[f - 1], qx[f + 1], a, a + 1, this.gdtdxK[lev], this.frK[lev], s.crx, f);
  }

  private yFaceFlux(f: number, lev: number): number {
    const s = this.s;
    const W = s.width,
      H = s.height;
    const r = (f / W) | 0;
    const qy = s.qy;
    if (r === 0 || r === H) {
      if (s.opts.boundary !== 'open') return 0;
      const dt = this.dtK[lev];
      const c = f - r * W;
      return r === 0 ? Math.min(0, s.edgeFlux(qy[f], c, H > 1 ? W + c : -1, dt, -1)) : Math.max(0, s.edgeFlux(qy[f], f - W, H > 1 ? f - 2 * W : -1, dt, 1));
    }
    return this.interiorFlux(qy[f], qy[f - W], qy[f + W], f - W, f, this.gdtdxK[lev], this.frK[lev], s.cry, f);
  }

  /**
   * A sub-step as full sweeps over the grid (cheaper than the lists when many faces update): the
   * faces of levels >= kMin update, each with its own level's step; the same sweeps as
   * LocalInertialSolver.step (row by row, Jacobi in each face's neighbours). Sub-step 0 (kMin 0)
   * updates every face. tSub: the time the sub-step starts.
   */
  private denseStep(kMin: number, tSub: number): void {
    const s = this.s;
    const { width: W, height: H, z, h, open, qx, qy, crx, cry } = s;
    const { theta, hDry, boundary, froudeMax } = s.opts;
    const { lx, ly, gdtdxK, frK, dtK, rowOld } = this;
    const side = 0.5 * (1 - theta);
    const cap2g = froudeMax * froudeMax * GRAVITY;
    const W1 = W + 1;
    for (let c = 0; c < W; c++) rowOld[c] = qy[c];
    for (let r = 0; r < H; r++) {
      const base = r * W1;
      const cell0 = r * W;
      let prev = qx[base];
      for (let c = 1; c < W; c++) {
        const f = base + c;
        const qOld = qx[f];
        const a = cell0 + c - 1;
        const b = a + 1;
        const lev = lx[f];
        if (lev < kMin) {
          prev = qOld;
          continue;
        }
        let q = 0;
        if (open[a] & open[b]) {
          const za = z[a],
            zb = z[b];
          const ea = za + h[a],
            eb = zb + h[b];
          const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
          if (hf > hDry) {
            q = theta * qOld + side * (prev + qx[f + 1]) - gdtdxK[lev] * hf * (eb - ea);
            const fr = frK[lev];
            if (qOld !== 0 && fr !== 0) {
              let cr = crx[f];
              const c3 = cr * cr * cr;
              cr = c3 > 0.5 * hf && c3 < 2 * hf ? (cr * (c3 + 2 * hf)) / (2 * c3 + hf) : Math.cbrt(hf);
              crx[f] = cr;
              q /= 1 + (fr * (qOld < 0 ? -qOld : qOld)) / (hf * hf * cr);
            }
            const cap2 = cap2g * hf * hf * hf;
            if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
          }
        }
        qx[f] = q;
        prev = qOld;
      }
      if (boundary === 'open') {
        if (lx[base] >= kMin) qx[base] = Math.min(0, s.edgeFlux(qx[base], cell0, W > 1 ? cell0 + 1 : -1, dtK[lx[base]], -1));
        if (lx[base + W] >= kMin) qx[base + W] = Math.max(0, s.edgeFlux(qx[base + W], cell0 + W - 1, W > 1 ? cell0 + W - 2 : -1, dtK[lx[base + W]], 1));
      } else {
        qx[base] = 0;
        qx[base + W] = 0;
      }
      if (r === 0) continue;
      for (let c = 0; c < W; c++) {
        const f = cell0 + c;
        const qOld = qy[f];
        const a = f - W;
        const lev = ly[f];
        if (lev < kMin) {
          rowOld[c] = qOld;
          continue;
        }
        let q = 0;
        if (open[a] & open[f]) {
          const za = z[a],
            zb = z[f];
          const ea = za + h[a],
            eb = zb + h[f];
          const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
          if (hf > hDry) {
            q = theta * qOld + side * (rowOld[c] + qy[f + W]) - gdtdxK[lev] * hf * (eb - ea);
            const fr = frK[lev];
            if (qOld !== 0 && fr !== 0) {
              let cr = cry[f];
              const c3 = cr * cr * cr;
              cr = c3 > 0.5 * hf && c3 < 2 * hf ? (cr * (c3 + 2 * hf)) / (2 * c3 + hf) : Math.cbrt(hf);
              cry[f] = cr;
              q /= 1 + (fr * (qOld < 0 ? -qOld : qOld)) / (hf * hf * cr);
            }
            const cap2 = cap2g * hf * hf * hf;
            if (q * q > cap2) q = q > 0 ? Math.sqrt(cap2) : -Math.sqrt(cap2);
          }
        }
        qy[f] = q;
        rowOld[c] = qOld;
      }
    }
    const south = H * W;
    for (let c = 0; c < W; c++) {
      if (boundary === 'open') {
        if (ly[c] >= kMin) qy[c] = Math.min(0, s.edgeFlux(qy[c], c, H > 1 ? W + c : -1, dtK[ly[c]], -1));
        if (ly[south + c] >= kMin) qy[south + c] = Math.max(0, s.edgeFlux(qy[south + c], south - W + c, H > 1 ? south - 2 * W + c : -1, dtK[ly[south + c]], 1));
      } else {
        qy[c] = 0;
        qy[south + c] = 0;
      }
    }
    this.denseLimit(kMin);
    this.denseContinuity(kMin, tSub);
  }

  /** Per-level dt/dx (and dt in dtMasked), 0 for levels below kMin. */
  private k0Masked(kMin: number): Float64Array {
    for (let k = 0; k < this.k0Mask.length; k++) {
      this.k0Mask[k] = k >= kMin ? this.k0K[k] : 0;
      this.dtMasked[k] = k >= kMin ? this.dtK[k] : 0;
    }
    return this.k0Mask;
  }

  private denseLimit(kMin: number): void {
    const { width: W, height: H, h, open, qx, qy } = this.s;
    const { lx, ly, cl } = this;
    // Faces below kMin count as no flow: a zero-step constant keeps the sweep branch-free.
    const k0 = this.k0Masked(kMin);
    const W1 = W + 1;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const k = r * W + c;
        if (!open[k] || cl[k] < kMin) continue;
        const fw = r * W1 + c,
          fe = fw + 1,
          fn = k,
          fs = k + W;
        const qw = qx[fw],
          qe = qx[fe],
          qn = qy[fn],
          qs = qy[fs];
        const kw = k0[lx[fw]],
          ke = k0[lx[fe]],
          kn = k0[ly[fn]],
          ks = k0[ly[fs]];
        const outDepth = (qw < 0 ? -qw * kw : 0) + (qe > 0 ? qe * ke : 0) + (qn < 0 ? -qn * kn : 0) + (qs > 0 ? qs * ks : 0);
        if (outDepth === 0) continue;
        const hk = h[k];
        if (outDepth <= hk) continue;
        const sc = hk / outDepth;
        if (qw < 0 && kw !== 0) qx[fw] = qw * sc;
        if (qe > 0 && ke !== 0) qx[fe] = qe * sc;
        if (qn < 0 && kn !== 0) qy[fn] = qn * sc;
        if (qs > 0 && ks !== 0) qy[fs] = qs * sc;
      }
    }
  }

  private denseContinuity(kMin: number, tSub: number): void {
    const s = this.s;
    const { width: W, height: H, dx, h, open, qx, qy } = s;
    const { lx, ly, cl, own, hStart, pending, rainClock } = this;
    const k0K = this.k0Masked(kMin);
    const dtK = this.dtMasked;
    const dtCell = this.dtK;
    let updated = 0;
    const W1 = W + 1;
    const tr = s.tracking;
    const hDry10 = 10 * s.opts.hDry;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const k = r * W + c;
        if (!open[k] || cl[k] < kMin) continue;
        updated++;
        const fw = r * W1 + c;
        let d = h[k] + qx[fw] * k0K[lx[fw]] - qx[fw + 1] * k0K[lx[fw + 1]] + qy[k] * k0K[ly[k]] - qy[k + W] * k0K[ly[k + W]];
        const end = tSub + dtCell[cl[k]];
        const span = end - rainClock[k];
        if (span > 0) {
          rainClock[k] = end;
          d = this.rainAndDrain(d, span);
        }
        if (d < 0) d = 0;
        h[k] = d;
        if (tr !== null && d > tr.maxDepth[k]) {
          tr.maxDepth[k] = d;
          if (d > tr.threshold && tr.arrival[k] === tr.never) tr.arrival[k] = end;
        }
        if (own[k] < cl[k] && d > FRONT_GROWTH * hStart[k] + hDry10) pending.push(k);
      }
    }
    this.cellUpdates += updated;
    if (s.opts.boundary === 'open') {
      let out = 0;
      for (let r = 0; r < H; r++) out += -qx[r * W1] * dtK[lx[r * W1]] + qx[r * W1 + W] * dtK[lx[r * W1 + W]];
      const south = H * W;
      for (let c = 0; c < W; c++) out += -qy[c] * dtK[ly[c]] + qy[south + c] * dtK[ly[south + c]];
      this.outflowVolume += out * dx;
    }
  }

  /** Sub-step where the faces of levels >= kMin update. */
  private sparseStep(kMin: number, K: number, tSub: number): void {
    const s = this.s;
    const { qx, qy } = s;
    const { lx, ly } = this;
    let m = 0;
    for (let lev = kMin; lev <= K; lev++) m += this.xLists[lev].length + this.yLists[lev].length;
    if (this.qNew.length < m) this.qNew = new Float64Array(m * 2);
    const qNew = this.qNew;
    let j = 0;
    for (let lev = kMin; lev <= K; lev++) {
      const xl = this.xLists[lev],
        xi = xl.items;
      for (let e = 0; e < xl.length; e++) {
        const f = xi[e];
        qNew[j++] = lx[f] === lev ? this.xFaceFlux(f, lev) : qx[f];
      }
      const yl = this.yLists[lev],
        yi = yl.items;
      for (let e = 0; e < yl.length; e++) {
        const f = yi[e];
        qNew[j++] = ly[f] === lev ? this.yFaceFlux(f, lev) : qy[f];
      }
    }
    j = 0;
    for (let lev = kMin; lev <= K; lev++) {
      const xl = this.xLists[lev],
        xi = xl.items;
      for (let e = 0; e < xl.length; e++) {
        const f = xi[e];
        if (lx[f] === lev) qx[f] = qNew[j];
        j++;
      }
      const yl = this.yLists[lev],
        yi = yl.items;
      for (let e = 0; e < yl.length; e++) {
        const f = yi[e];
        if (ly[f] === lev) qy[f] = qNew[j];
        j++;
      }
    }
    // Outflow limiter, then continuity, over the cells with a face on a level >= kMin, counting
    // only those faces, each with its own step.
    const { cl, cLists } = this;
    for (let lev = kMin; lev <= K; lev++) {
      const l = cLists[lev],
        it = l.items;
      for (let e = 0; e < l.length; e++) if (cl[it[e]] === lev) this.limitCell(it[e], kMin);
    }
    for (let lev = kMin; lev <= K; lev++) {
      const l = cLists[lev],
        it = l.items;
      for (let e = 0; e < l.length; e++) if (cl[it[e]] === lev) this.updateCell(it[e], kMin, tSub);
    }
    this.applyPromotions();
  }

  /** Promotions take effect from the next sub-step, after every cell of this one has its water. */
  private applyPromotions(): void {
    const p = this.pending;
    for (let e = 0; e < p.length; e++) {
      const k = p.items[e];
      if (this.own[k] < this.cl[k]) this.promote(k, this.cl[k]);
    }
  }

  private limitCell(k: number, kMin: number): void {
    const s = this.s;
    const { width: W, h, qx, qy } = s;
    const { lx, ly, k0K } = this;
    const r = (k / W) | 0;
    const fw = k + r,
      fe = fw + 1,
      fn = k,
      fs = k + W;
    const lw = lx[fw],
      le = lx[fe],
      ln = ly[fn],
      ls = ly[fs];
    const qw = lw >= kMin ? qx[fw] : 0,
      qe = le >= kMin ? qx[fe] : 0,
      qn = ln >= kMin ? qy[fn] : 0,
      qs = ls >= kMin ? qy[fs] : 0;
    const outDepth = (qw < 0 ? -qw * k0K[lw] : 0) + (qe > 0 ? qe * k0K[le] : 0) + (qn < 0 ? -qn * k0K[ln] : 0) + (qs > 0 ? qs * k0K[ls] : 0);
    if (outDepth === 0) return;
    const hk = h[k];
    if (outDepth <= hk) return;
    const f = hk / outDepth;
    if (qw < 0) qx[fw] = qw * f;
    if (qe > 0) qx[fe] = qe * f;
    if (qn < 0) qy[fn] = qn * f;
    if (qs > 0) qy[fs] = qs * f;
  }

  private updateCell(k: number, kMin: number, tSub: number): void {
    const s = this.s;
    const { width: W, height: H, h, qx, qy, dx } = s;
    const { lx, ly, k0K, dtK } = this;
    const r = (k / W) | 0;
    const c = k - r * W;
    const fw = k + r,
      fe = fw + 1,
      fn = k,
      fs = k + W;
    const lw = lx[fw],
      le = lx[fe],
      ln = ly[fn],
      ls = ly[fs];
    let dh = 0;
    if (lw >= kMin) {
      dh += qx[fw] * k0K[lw];
      if (c === 0) this.outflowVolume -= qx[fw] * dtK[lw] * dx;
    }
    if (le >= kMin) {
      dh -= qx[fe] * k0K[le];
      if (c === W - 1) this.outflowVolume += qx[fe] * dtK[le] * dx;
    }
    if (ln >= kMin) {
      dh += qy[fn] * k0K[ln];
      if (r === 0) this.outflowVolume -= qy[fn] * dtK[ln] * dx;
    }
    if (ls >= kMin) {
      dh -= qy[fs] * k0K[ls];
      if (r === H - 1) this.outflowVolume += qy[fs] * dtK[ls] * dx;
    }
    this.cellUpdates++;
    let d = h[k] + dh;
    const end = tSub + this.dtK[this.cl[k]];
    const span = end - this.rainClock[k];
    if (span > 0) {
      this.rainClock[k] = end;
      d = this.rainAndDrain(d, span);
    }
    // The limiter makes d >= 0 up to rounding (~1e-17 m); clamping that keeps depths sane.
    if (d < 0) d = 0;
    h[k] = d;
    const tr = s.tracking;
    if (tr !== null && d > tr.maxDepth[k]) {
      tr.maxDepth[k] = d;
      if (d > tr.threshold && tr.arrival[k] === tr.never) tr.arrival[k] = end;
    }
    // A wetting front: the cell gained much water; its faces join the finest level beside it.
    const lev = this.cl[k];
    if (this.own[k] < lev && d > FRONT_GROWTH * this.hStart[k] + 10 * s.opts.hDry) this.pending.push(k);
  }

  private promote(k: number, lev: number): void {
    const s = this.s;
    const W = s.width;
    const { lx, ly } = this;
    const open = s.open;
    this.own[k] = lev;
    const r = (k / W) | 0;
    const c = k - r * W;
    const fw = k + r,
      fe = fw + 1,
      fn = k,
      fs = k + W;
    if (lx[fw] < lev && (c === 0 || open[k - 1])) this.liftX(fw, lev, c > 0 ? k - 1 : -1);
    if (lx[fe] < lev && (c === W - 1 || open[k + 1])) this.liftX(fe, lev, c < W - 1 ? k + 1 : -1);
    if (ly[fn] < lev && (r === 0 || open[k - W])) this.liftY(fn, lev, r > 0 ? k - W : -1);
    if (ly[fs] < lev && (r === s.height - 1 || open[k + W])) this.liftY(fs, lev, r < s.height - 1 ? k + W : -1);
  }

  private liftX(f: number, lev: number, other: number): void {
    this.lx[f] = lev;
    this.xLists[lev].push(f);
    this.liftCell(other, lev);
  }

  private liftY(f: number, lev: number, other: number): void {
    this.ly[f] = lev;
    this.yLists[lev].push(f);
    this.liftCell(other, lev);
  }

  private liftCell(k: number, lev: number): void {
    if (k < 0 || this.cl[k] >= lev) return;
    this.cl[k] = lev;
    this.cLists[lev].push(k);
  }
}
