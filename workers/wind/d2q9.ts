// D2Q9 lattice-Boltzmann solver (two-relaxation-time collision) for the classic validations:
// channel (Poiseuille) flow and flow past a cylinder. The 3D city solver (d3q19.ts) uses the same
// layout and boundary scheme, so these tests exercise the machinery the city runs on.
//
// Layout: structure of arrays (one Float32Array per direction), a ghost layer one cell wide around
// the nx x ny domain, two buffers. One step = boundary pre-pass on the source buffer (outflow
// copies, half-way bounce-back links written into the solid neighbours) then ONE fused
// pull-stream + collide sweep over the interior, branch-free except for "is this cell solid".
//
// TRT: the symmetric part relaxes with tau (viscosity nu = (tau - 1/2) / 3), the antisymmetric part
// with tau- chosen so that Lambda = (tau - 1/2)(tau- - 1/2) = 3/16, which puts half-way bounce-back
// walls exactly half a cell out for Poiseuille flow whatever tau is. `bgk: true` sets tau- = tau.
import { assertStableLattice } from './latticeLimits.js';

export type Side = 'xMin' | 'xMax' | 'yMin' | 'yMax';
export type SideBoundary = { type: 'inlet'; ux: number; uy: number } | { type: 'outflow' } | { type: 'wall' };

export interface D2Q9Options {
  nx: number;
  ny: number;
  /** Symmetric relaxation time (sets viscosity). */
  tau: number;
  /** Plain BGK instead of TRT. */
  bgk?: boolean;
  /** TRT magic parameter Lambda (default 3/16: exact half-way walls; 1/4: the most stable). */
  magic?: number;
  /** nx * ny, row-major (index = j * nx + i), 1 = solid (half-way bounce-back). */
  solid?: Uint8Array;
  boundaries: Record<Side, SideBoundary>;
  /** Initial velocity everywhere (default 0), or per cell (e.g. a perturbation that starts vortex shedding sooner). */
  initial?: { ux: number; uy: number } | ((i: number, j: number) => [number, number]);
}

export const CX2 = [0, 1, 0, -1, 0, 1, -1, -1, 1] as const;
export const CY2 = [0, 0, 1, 0, -1, 1, 1, -1, -1] as const;
export const W2 = [4 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 36, 1 / 36, 1 / 36, 1 / 36] as const;
const OPP2 = [0, 3, 4, 1, 2, 7, 8, 5, 6] as const;

const FLUID = 0;
const SOLID = 1;
const INLET = 2;
const OUTFLOW = 3;

export class D2Q9 {
  readonly nx: number;
  readonly ny: number;
  /** Padded width (nx + 2). */
  readonly px: number;
  steps = 0;
  private src: Float32Array[];
  private dst: Float32Array[];
  private readonly kind: Uint8Array;
  /** links[k]: fluid cells whose pull source in direction k is solid. */
  private readonly links: Int32Array[];
  /** Pairs (ghost, interior source) refreshed every step: pressure outlet (rho = 1). */
  private readonly outflow: Int32Array;
  private readonly omegaPlus: number;
  private readonly omegaMinus: number;

  constructor(o: D2Q9Options) {
    const { nx, ny } = o;
    if (!(Number.isInteger(nx) && Number.isInteger(ny) && nx >= 3 && ny >= 3)) throw new Error(`D2Q9: grid ${nx} x ${ny} must be whole numbers >= 3`);
    const init = o.initial;
    const initial = typeof init === 'function' ? init : () => [init?.ux ?? 0, init?.uy ?? 0] as [number, number];
    let maxSpeed = 0;
    for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) maxSpeed = Math.max(maxSpeed, Math.hypot(...initial(i, j)));
    for (const b of Object.values(o.boundaries)) if (b.type === 'inlet') maxSpeed = Math.max(maxSpeed, Math.hypot(b.ux, b.uy));
    assertStableLattice(o.tau, maxSpeed, 'D2Q9');
    this.nx = nx;
    this.ny = ny;
    const px = (this.px = nx + 2);
    const size = px * (ny + 2);
    this.src = Array.from({ length: 9 }, () => new Float32Array(size));
    this.dst = Array.from({ length: 9 }, () => new Float32Array(size));
    this.omegaPlus = 1 / o.tau;
    this.omegaMinus = o.bgk ? 1 / o.tau : 1 / (0.5 + (o.magic ?? 3 / 16) / (o.tau - 0.5));

    // Ghost kinds; a corner takes the strongest of its two sides (wall > inlet > outflow).
    const kind = (this.kind = new Uint8Array(size));
    const rank = (b: SideBoundary) => (b.type === 'wall' ? 3 : b.type === 'inlet' ? 2 : 1);
    const code = (b: SideBoundary) => (b.type === 'wall' ? SOLID : b.type === 'inlet' ? INLET : OUTFLOW);
    const inletVel = new Float64Array(size * 2);
    for (let j = -1; j <= ny; j++) {
      for (let i = -1; i <= nx; i++) {
        const n = (j + 1) * px + i + 1;
        const sides: SideBoundary[] = [];
        if (i < 0) sides.push(o.boundaries.xMin);
        if (i >= nx) sides.push(o.boundaries.xMax);
        if (j < 0) sides.push(o.boundaries.yMin);
        if (j >= ny) sides.push(o.boundaries.yMax);
        if (!sides.length) {
          kind[n] = o.solid && o.solid[j * nx + i] ? SOLID : FLUID;
          continue;
        }
        const b = sides.reduce((a, s) => (rank(s) > rank(a) ? s : a));
        kind[n] = code(b);
        if (b.type === 'inlet') {
          inletVel[2 * n] = b.ux;
          inletVel[2 * n + 1] = b.uy;
        }
      }
    }

    const off = CX2.map((cx, k) => CY2[k] * px + cx);
    const links: number[][] = Array.from({ length: 9 }, () => []);
    const outflow: number[] = [];
    for (let j = -1; j <= ny; j++) {
      for (let i = -1; i <= nx; i++) {
        const n = (j + 1) * px + i + 1;
        if (kind[n] === FLUID) {
          for (let k = 1; k < 9; k++) if (kind[n - off[k]] === SOLID) links[k].push(n);
        } else if (kind[n] === OUTFLOW) {
          const si = Math.min(nx - 1, Math.max(0, i));
          const sj = Math.min(ny - 1, Math.max(0, j));
          outflow.push(n, (sj + 1) * px + si + 1);
        }
      }
    }
    this.links = links.map((l) => Int32Array.from(l));
    this.outflow = Int32Array.from(outflow);

    for (let n = 0; n < size; n++) {
      const i = (n % px) - 1;
      const j = Math.floor(n / px) - 1;
      const [ux, uy] = kind[n] === INLET ? [inletVel[2 * n], inletVel[2 * n + 1]] : kind[n] === FLUID ? initial(i, j) : [0, 0];
      for (let k = 0; k < 9; k++) {
        const cu = CX2[k] * ux + CY2[k] * uy;
        const feq = W2[k] * (1 + 3 * cu + 4.5 * cu * cu - 1.5 * (ux * ux + uy * uy));
        this.src[k][n] = feq;
        this.dst[k][n] = feq; // inlet ghosts keep this in both buffers for the whole run
      }
    }
  }

  /** Advances `count` time steps. */
  step(count = 1): void {
    for (let s = 0; s < count; s++) {
      this.prepareBoundaries();
      this.collideStream();
      const t = this.src;
      this.src = this.dst;
      this.dst = t;
      this.steps++;
    }
  }

  private prepareBoundaries(): void {
    const f = this.src;
    const out = this.outflow;
    for (let p = 0; p < out.length; p += 2) {
      // Pressure outlet: the neighbour's non-equilibrium part on an equilibrium at rho = 1 and the
      // neighbour's velocity. Pinning the density lets pressure waves leave instead of sloshing.
      const g = out[p];
      const s = out[p + 1];
      let rho = 0;
      let mx = 0;
      let my = 0;
      for (let k = 0; k < 9; k++) {
        const v = f[k][s];
        rho += v;
        mx += CX2[k] * v;
        my += CY2[k] * v;
      }
      const ux = mx / rho;
      const uy = my / rho;
      const usq = 1.5 * (ux * ux + uy * uy);
      for (let k = 0; k < 9; k++) {
        const cu = CX2[k] * ux + CY2[k] * uy;
        const e = W2[k] * (1 + 3 * cu + 4.5 * cu * cu - usq);
        f[k][g] = f[k][s] + (1 - rho) * e;
      }
    }
    const px = this.px;
    for (let k = 1; k < 9; k++) {
      // Half-way bounce-back: what k pulls from the solid cell is what left the fluid cell towards it.
      const fk = f[k];
      const fo = f[OPP2[k]];
      const off = CY2[k] * px + CX2[k];
      const l = this.links[k];
      for (let p = 0; p < l.length; p++) {
        const n = l[p];
        fk[n - off] = fo[n];
      }
    }
  }

  private collideStream(): void {
    const [s0, s1, s2, s3, s4, s5, s6, s7, s8] = this.src;
    const [d0, d1, d2, d3, d4, d5, d6, d7, d8] = this.dst;
    const kind = this.kind;
    const px = this.px;
    const wp = this.omegaPlus;
    const wm = this.omegaMinus;
    const nx = this.nx;
    for (let j = 0; j < this.ny; j++) {
      let n = (j + 1) * px + 1;
      for (let i = 0; i < nx; i++, n++) {
        if (kind[n] !== FLUID) continue;
        const f0 = s0[n];
        const f1 = s1[n - 1];
        const f2 = s2[n - px];
        const f3 = s3[n + 1];
        const f4 = s4[n + px];
        const f5 = s5[n - px - 1];
        const f6 = s6[n - px + 1];
        const f7 = s7[n + px + 1];
        const f8 = s8[n + px - 1];
        const rho = f0 + f1 + f2 + f3 + f4 + f5 + f6 + f7 + f8;
        const ux = (f1 - f3 + f5 - f6 - f7 + f8) / rho;
        const uy = (f2 - f4 + f5 + f6 - f7 - f8) / rho;
        const usq = 1.5 * (ux * ux + uy * uy);
        d0[n] = f0 - wp * (f0 - (4 / 9) * rho * (1 - usq));
        // Each pair (k, opposite k): symmetric part with omega+, antisymmetric with omega-.
        let cu = ux;
        let ep = (1 / 9) * rho * (1 + 4.5 * cu * cu - usq);
        let em = (1 / 9) * rho * 3 * cu;
        let p = 0.5 * (f1 + f3) - ep;
        let m = 0.5 * (f1 - f3) - em;
        d1[n] = f1 - wp * p - wm * m;
        d3[n] = f3 - wp * p + wm * m;
        cu = uy;
        ep = (1 / 9) * rho * (1 + 4.5 * cu * cu - usq);
        em = (1 / 9) * rho * 3 * cu;
        p = 0.5 * (f2 + f4) - ep;
        m = 0.5 * (f2 - f4) - em;
        d2[n] = f2 - wp * p - wm * m;
        d4[n] = f4 - wp * p + wm * m;
        cu = ux + uy;
        ep = (1 / 36) * rho * (1 + 4.5 * cu * cu - usq);
        em = (1 / 36) * rho * 3 * cu;
        p = 0.5 * (f5 + f7) - ep;
        m = 0.5 * (f5 - f7) - em;
        d5[n] = f5 - wp * p - wm * m;
        d7[n] = f7 - wp * p + wm * m;
        cu = uy - ux;
        ep = (1 / 36) * rho * (1 + 4.5 * cu * cu - usq);
        em = (1 / 36) * rho * 3 * cu;
        p = 0.5 * (f6 + f8) - ep;
        m = 0.5 * (f6 - f8) - em;
        d6[n] = f6 - wp * p - wm * m;
        d8[n] = f8 - wp * p + wm * m;
      }
    }
  }

  /** Density and velocity of interior cell (i, j) from the current (post-collision) populations. */
  macro(i: number, j: number): { rho: number; ux: number; uy: number } {
    const n = (j + 1) * this.px + i + 1;
    let rho = 0;
    let mx = 0;
    let my = 0;
    for (let k = 0; k < 9; k++) {
      const v = this.src[k][n];
      rho += v;
      mx += CX2[k] * v;
      my += CY2[k] * v;
    }
    // Post-collision moments equal pre-collision ones for mass and momentum (no forcing).
    return { rho, ux: mx / rho, uy: my / rho };
  }

  isSolid(i: number, j: number): boolean {
    return this.kind[(j + 1) * this.px + i + 1] === SOLID;
  }
}
