// 2D local-inertial shallow-water solver (Bates, Horritt & Fewtrell 2010, J. Hydrol. 387; with the
// theta-weighted momentum of de Almeida, Bates, Freer & Souvignet 2012, WRR 48): fluxes on cell
// faces from the water-surface slope, Manning friction treated semi-implicitly, continuity by
// finite volumes. Everything is float64 and every face flux is added to one cell and taken from
// its neighbour, so water is conserved to rounding: rain in - drained = stored + outflow.
//
// Layout: cell k = row * width + col (row 0 = north). qx[row * (width + 1) + col] is the unit
// discharge (m²/s, + = east) through the west face of cell col (col = width: the east edge);
// qy[row * width + col] is through the north face of cell row (+ = south; row = height: south edge).

export const GRAVITY = 9.81;

export interface SolverOptions {
  /** Manning roughness (s/m^(1/3)); 0 = frictionless. */
  manningN: number;
  /** de Almeida's theta: 1 = Bates 2010, 0.7-0.9 damps checkerboard oscillations at low friction. */
  theta: number;
  /** Courant number of the adaptive step dt = alpha * dx / sqrt(g * hmax) (Bates 2010: 0.2-0.7).
   *  0.6, not the usual 0.7: in 2D with theta 0.8 a still lake 10 m deep over a bed with 1 m/cell
   *  slopes (closed hollows of the SRTM-based ground are like that) starts to slosh at 0.7 (3 m in
   *  10 s) and stays at rest at 0.65 and 0.6 for 30 min (test: deep lake in rainFlood.test.ts). */
  alpha: number;
  /** Faces whose flow depth is at most this (m) carry no flow (wet/dry front). */
  hDry: number;
  /** 'open': water leaves at the grid edges where the surface falls outward (transmissive edge);
   *  'closed': walls all round. */
  boundary: 'open' | 'closed';
  /** Cap on the Froude number of face flows, |q| <= froudeMax * h * sqrt(g h). On steep urban
   *  slopes the local-inertial flux overshoots without it (the term it drops, advection, is what
   *  limits real flow there); LISFLOOD-FP-style rain models cap it the same way. Infinity: off. */
  froudeMax: number;
}

export const DEFAULT_SOLVER: SolverOptions = { manningN: 0.03, theta: 0.8, alpha: 0.6, hDry: 1e-4, boundary: 'open', froudeMax: 1 };

export interface MassBudget {
  /** m³ of water present at the start (initial depth). */
  initial: number;
  rainIn: number;
  drained: number;
  outflow: number;
  /** m³ of water on the grid now. */
  stored: number;
}

export class LocalInertialSolver {
  readonly width: number;
  readonly height: number;
  readonly dx: number;
  /** Bed elevation (m). */
  readonly z: Float64Array;
  /** 1 where water may be; 0 for walls (buildings) and no-data cells. */
  readonly open: Uint8Array;
  readonly h: Float64Array;
  readonly qx: Float64Array;
  readonly qy: Float64Array;
  readonly opts: SolverOptions;
  readonly openCount: number;
  private readonly rowOld: Float64Array;
  /** Cube root of each face's last flow depth (friction term), refined each step (also used by
   *  the local time stepper, localTimeStepping.ts). */
  readonly crx: Float64Array;
  readonly cry: Float64Array;
  hMax = 0;
  readonly budget: MassBudget = { initial: 0, rainIn: 0, drained: 0, outflow: 0, stored: 0 };

  constructor(
    width: number,
    height: number,
    dx: number,
    z: Float64Array,
    open: Uint8Array,
    opts: Partial<SolverOptions> = {},
    initialDepth?: ArrayLike<number>,
  ) {
    this.width = width;
    this.height = height;
    this.dx = dx;
    this.z = z;
    this.open = open;
    this.opts = { ...DEFAULT_SOLVER, ...opts };
    const o = this.opts;
    if (!(o.manningN >= 0) || !(o.theta >= 0 && o.theta <= 1) || !(o.alpha > 0 && o.alpha <= 1) || !(o.hDry > 0)) {
      throw new Error(`flood solver: manningN ${o.manningN} must be >= 0, theta ${o.theta} in 0..1, alpha ${o.alpha} in (0, 1], hDry ${o.hDry} > 0`);
    }
    const n = width * height;
    this.h = new Float64Array(n);
    this.qx = new Float64Array(height * (width + 1));
    this.qy = new Float64Array((height + 1) * width);
    this.rowOld = new Float64Array(width);
    this.crx = new Float64Array(this.qx.length);
    this.cry = new Float64Array(this.qy.length);
    let count = 0;
    for (let k = 0; k < n; k++) {
      if (!open[k]) continue;
      count++;
      const d = initialDepth ? initialDepth[k] : 0;
      if (d > 0) {
        this.h[k] = d;
        if (d > this.hMax) this.hMax = d;
      }
    }
    this.openCount = count;
    this.budget.initial = this.storedVolume();
    this.budget.stored = this.budget.initial;
  }

  storedVolume(): number {
    let s = 0;
    for (let k = 0; k < this.h.length; k++) s += this.h[k];
    return s * this.dx * this.dx;
  }

  /** Largest stable step (Bates 2010 eq. 12) for the current deepest water, capped at dtMax. */
  stableDt(dtMax: number): number {
    const hm = Math.max(this.hMax, this.opts.hDry);
    return Math.min(dtMax, (this.opts.alpha * this.dx) / Math.sqrt(GRAVITY * hm));
  }

  /** Where step() records the deepest water and the arrival time (first depth > threshold). */
  track(maxDepth: Float32Array, arrival: Float32Array, threshold: number, never: number): void {
    this.tracking = { maxDepth, arrival, threshold, never };
  }
  /** Set by track(); read by the local time stepper too. */
  tracking: { maxDepth: Float32Array; arrival: Float32Array; threshold: number; never: number } | null = null;

  /** Advances dt seconds with rain (m/s, on open cells) and a drainage capacity (m/s, taken from
   *  the water present, never more); `tEnd` (s) is the time reached, for arrival times. */
  step(dt: number, rain: number, drain: number, tEnd = 0): void {
    this.momentum(dt);
    this.limitOutflow(dt);
    this.continuity(dt, rain, drain, tEnd);
  }

  /** New face fluxes, one row at a time: the row's east-west faces, then its north faces. */
  private momentum(dt: number): void {
    const { width: W, height: H, dx, z, h, open, qx, qy, rowOld, crx, cry } = this;
    const { theta, hDry, manningN, boundary, froudeMax } = this.opts;
    const gdt = GRAVITY * dt;
    const gdtdx = gdt / dx;
    const fr = gdt * manningN * manningN;
    const side = 0.5 * (1 - theta);
    const cap2g = froudeMax * froudeMax * GRAVITY; // |q|^2 <= Fr^2 g h^3
    const W1 = W + 1;
    for (let c = 0; c < W; c++) rowOld[c] = qy[c];
    for (let r = 0; r < H; r++) {
      // East-west faces of row r.
      const base = r * W1;
      const cell0 = r * W;
      let prev = qx[base]; // old flux of the face west of the one being updated
      for (let c = 1; c < W; c++) {
        const f = base + c;
        const qOld = qx[f];
        const a = cell0 + c - 1;
        const b = a + 1;
        let q = 0;
        if (open[a] & open[b]) {
          const za = z[a],
            zb = z[b];
          const ea = za + h[a],
            eb = zb + h[b];
          const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
          if (hf > hDry) {
            q = theta * qOld + side * (prev + qx[f + 1]) - gdtdx * hf * (eb - ea);
            if (qOld !== 0 && fr !== 0) {
              // hf^(1/3) by one Halley step from this face's previous root (depths change little
              // per step; cubic convergence keeps it exact to ~1e-9), Math.cbrt when far off.
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
        qx[base] = Math.min(0, this.edgeFlux(qx[base], cell0, W > 1 ? cell0 + 1 : -1, dt, -1));
        qx[base + W] = Math.max(0, this.edgeFlux(qx[base + W], cell0 + W - 1, W > 1 ? cell0 + W - 2 : -1, dt, 1));
      } else {
        qx[base] = 0;
        qx[base + W] = 0;
      }
      // North faces of row r (between rows r-1 and r); rowOld holds row r-1's old values.
      if (r === 0) continue;
      for (let c = 0; c < W; c++) {
        const f = cell0 + c;
        const qOld = qy[f];
        const a = f - W; // north cell
        let q = 0;
        if (open[a] & open[f]) {
          const za = z[a],
            zb = z[f];
          const ea = za + h[a],
            eb = zb + h[f];
          const hf = (ea > eb ? ea : eb) - (za > zb ? za : zb);
          if (hf > hDry) {
            q = theta * qOld + side * (rowOld[c] + qy[f + W]) - gdtdx * hf * (eb - ea);
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
        qy[c] = Math.min(0, this.edgeFlux(qy[c], c, H > 1 ? W + c : -1, dt, -1));
        qy[south + c] = Math.max(0, this.edgeFlux(qy[south + c], south - W + c, H > 1 ? south - 2 * W + c : -1, dt, 1));
      } else {
        qy[c] = 0;
        qy[south + c] = 0;
      }
    }
  }

  /**
   * Flux through an edge face (sign: +1 = the edge lies in the + direction of the face's axis).
   * The surface beyond the edge continues the slope just inside it (a transmissive edge), so water
   * leaves where the surface falls outward and a flat pond at the edge stays put.
   */
  edgeFlux(qOld: number, edge: number, inner: number, dt: number, sign: number): number {
    const { z, h, open, dx } = this;
    if (!open[edge] || h[edge] <= this.opts.hDry) return 0;
    const eta = z[edge] + h[edge];
    const drop = inner >= 0 && open[inner] ? z[inner] + h[inner] - eta : 0; // surface fall towards the edge
    if (drop <= 0 && qOld === 0) return 0;
    const hf = h[edge];
    const n = this.opts.manningN;
    const grad = (-sign * drop) / dx; // d(eta)/d(axis) across the edge face
    const q = (qOld - GRAVITY * hf * dt * grad) / (1 + (GRAVITY * dt * n * n * Math.abs(qOld)) / (hf * hf * Math.cbrt(hf)));
    const cap = this.opts.froudeMax * hf * Math.sqrt(GRAVITY * hf);
    return q > cap ? cap : q < -cap ? -cap : q;
  }

  /** Scales a cell's outgoing fluxes so it never gives more water than it holds. Each face is
   *  outgoing for one cell only, so scaling keeps the face's gain and loss equal. */
  private limitOutflow(dt: number): void {
    const { width: W, height: H, dx, h, open, qx, qy } = this;
    const W1 = W + 1;
    const k0 = dt / dx;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const k = r * W + c;
        if (!open[k]) continue;
        const fw = r * W1 + c,
          fe = fw + 1,
          fn = k,
          fs = k + W;
        const qw = qx[fw],
          qe = qx[fe],
          qn = qy[fn],
          qs = qy[fs];
        const out = (qw < 0 ? -qw : 0) + (qe > 0 ? qe : 0) + (qn < 0 ? -qn : 0) + (qs > 0 ? qs : 0);
        if (out === 0) continue;
        const outDepth = out * k0;
        const hk = h[k];
        if (outDepth <= hk) continue;
        const s = hk / outDepth;
        if (qw < 0) qx[fw] = qw * s;
        if (qe > 0) qx[fe] = qe * s;
        if (qn < 0) qy[fn] = qn * s;
        if (qs > 0) qy[fs] = qs * s;
      }
    }
  }

  /** h += flux divergence + rain; then drainage; tracks the deepest water and the outflow. */
  private continuity(dt: number, rain: number, drain: number, tEnd: number): void {
    const { width: W, height: H, dx, h, open, qx, qy } = this;
    const W1 = W + 1;
    const k0 = dt / dx;
    const rainDepth = rain * dt;
    const drainDepth = drain * dt;
    const tr = this.tracking;
    const maxDepth = tr ? tr.maxDepth : null;
    const arrival = tr ? tr.arrival : null;
    const threshold = tr ? tr.threshold : Infinity;
    const never = tr ? tr.never : 0;
    let drained = 0;
    let hMax = 0;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const k = r * W + c;
        if (!open[k]) continue;
        const fw = r * W1 + c;
        let d = h[k] + (qx[fw] - qx[fw + 1] + qy[k] - qy[k + W]) * k0 + rainDepth;
        if (d > 0 && drainDepth > 0) {
          const taken = d < drainDepth ? d : drainDepth;
          d -= taken;
          drained += taken;
        }
        // The limiter makes d >= 0 up to rounding (~1e-17 m); clamping that keeps depths sane.
        if (d < 0) d = 0;
        h[k] = d;
        if (d > hMax) hMax = d;
        if (maxDepth !== null && d > maxDepth[k]) {
          maxDepth[k] = d;
          if (d > threshold && arrival![k] === never) arrival![k] = tEnd;
        }
      }
    }
    // Outflow through the edges (already limited); + out of the grid.
    let out = 0;
    if (this.opts.boundary === 'open') {
      for (let r = 0; r < H; r++) out += -qx[r * W1] + qx[r * W1 + W];
      const south = H * W;
      for (let c = 0; c < W; c++) out += -qy[c] + qy[south + c];
    }
    const a = dx * dx;
    this.budget.rainIn += rainDepth * this.openCount * a;
    this.budget.drained += drained * a;
    this.budget.outflow += out * dt * dx;
    this.hMax = hMax;
  }
}
