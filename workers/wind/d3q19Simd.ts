// The D3Q19 sweep as WebAssembly SIMD (f32x4: four cells of a row per instruction), emitted byte by
// byte at run time for ONE lattice layout. Same fused pull-stream + BGK/Smagorinsky collision as the
// TypeScript kernel (d3q19Kernel.ts), plus the wall bounce-back done as a push at store time.
//
// Why at run time: with the array stride and row/plane pitches known, every one of the 19 loads and
// 19 stores per vector is `v128.load/store offset=CONST` off one source and one destination pointer.
// A build-time module had to keep 38 base addresses in registers; V8 (16 general registers) spilled
// and recomputed them inside the loop: about 190 integer instructions per vector, a third of the
// sweep. The moments and the collision share partial sums and products (~210 vector operations per
// vector instead of ~245), and two vectors are interleaved per iteration (see emitD3Q19Simd).
// WebAssembly compilation is allowed by the page's CSP ('wasm-unsafe-eval').
//
// kernel(src, dst, z0, z1, tau0, smag) -> max lattice speed^2 over the fluid cells swept
//   src/dst: byte address of population array 0 of each buffer; array k lies k * stride later.
//   info (at infoBase, one i32 per padded cell): bit 31 = fluid (updated), bit d (1..18) = the
//   neighbour the cell pulls direction d from (n - c_d) is solid: after the collision the kernel
//   writes the cell's new population opp(d) there in dst[d] (half-way bounce-back: the next sweep
//   pulls it back). Cells without bit 31 keep their dst values.
// Arrays must extend 8 cells past the last padded cell (the last vectors of a row may overrun).
import { C3, OPP3, W3 } from './d3q19Lattice.js';

export interface D3Q19SimdLayout {
  px: number;
  py: number;
  nx: number;
  ny: number;
  /** Bytes between population arrays. */
  stride: number;
  /** Byte address of the info array. */
  infoBase: number;
}

export type D3Q19SimdKernel = (src: number, dst: number, z0: number, z1: number, tau0: number, smag: number) => number;

/** Info word bit of a fluid cell (as a signed i32). */
export const INFO_FLUID = -0x80000000;

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const name = (s: string) => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

/**
 * The module bytes of the kernel for one layout. G: vectors interleaved per iteration (2 measured
 * fastest in V8 on x86-64: 1.42x the throughput of the build-time module in cache, vs 1.19x for 1
 * and 1.1x for 3, whose spills outweigh the overlap).
 */
export function emitD3Q19Simd(o: D3Q19SimdLayout, G = 2): Uint8Array {
  const pxy = o.px * o.py;
  const off = C3.map((c) => c[2] * pxy + c[1] * o.px + c[0]);
  for (let k = 1; k < 19; k++) if (k * o.stride - 4 * off[k] < 0) throw new Error('D3Q19 SIMD: stride too small for the lattice');

  // ---- locals (params first)
  const P = { src: 0, dst: 1, z0: 2, z1: 3, tau0: 4, smag: 5 };
  const paramTypes = [I32, I32, I32, I32, F32, F32];
  const L: Record<string, number> = {};
  const i32Names = ['z', 'p', 'pend', 'sp', 'dp', 'pl', 'row'];
  const vNames: string[] = [];
  for (let k = 0; k < 19; k++) vNames.push(`f${k}`);
  for (let k = 1; k < 19; k += 2) vNames.push(`s${k}`, `d${k}`);
  vNames.push(
    ...'info m A B C Sxx Syy Szz rho ir jx jy jz ux uy uz jxux jyuy jzuz t pi omega keep or usq oru ax ay az qx qy qz Qx Qy Qz bx by bz c18 c36 c0 h cross sym anti maxv tau0 tau0sq smag'.split(
      ' ',
    ),
  );
  const consts = new Map<number, string>();
  const constOf = (x: number) => {
    const key = Math.fround(x);
    if (!consts.has(key)) {
      consts.set(key, `k${consts.size}`);
      vNames.push(`k${consts.size - 1}`);
    }
    return consts.get(key)!;
  };
  // Constants used in the loop, registered before the local indices are fixed.
  const K = {
    one: constOf(1),
    third: constOf(1 / 3),
    two: constOf(2),
    onehalf: constOf(1.5),
    half: constOf(0.5),
    quarter: constOf(0.25),
    twelfth: constOf(1 / 12),
    w0: constOf(W3[0]),
    w18: constOf(1 / 18),
    w36: constOf(1 / 36),
    zero: constOf(0),
  };
  // Per-vector locals exist once per interleaved vector (suffix _g); constants and maxv are shared.
  const shared = new Set(['maxv', 'tau0', 'tau0sq', 'smag', ...consts.values()]);
  const allV = vNames.flatMap((n) => (shared.has(n) ? [n] : Array.from({ length: G }, (_, g) => `${n}_${g}`)));
  let next = paramTypes.length;
  for (const n of i32Names) L[n] = next++;
  for (const n of allV) L[n] = next++;

  // ---- emitter. Code for G vectors (4 cells each, side by side in a row) is written one vector at
  // a time into statement lists, then interleaved statement by statement: the dependency chain of
  // one vector (divide, two square roots, divide) is long and the CPU's window too short to overlap
  // it with the next vector's unless their instructions are mixed.
  const code: number[] = [];
  let out = code;
  let group = 0;
  let stmts: number[][] | null = null;
  const e = (...b: number[]) => out.push(...b);
  const local = (n: string | number) => uleb(typeof n === 'number' ? n : (L[n] ?? L[`${n}_${group}`]));
  const endStmt = () => {
    if (stmts) stmts.push((out = []));
  };
  const get = (n: string | number) => e(0x20, ...local(n));
  const set = (n: string | number) => {
    e(0x21, ...local(n));
    endStmt();
  };
  const i32c = (v: number) => e(0x41, ...sleb(v));
  const simd = (op: number, ...imm: number[]) => e(0xfd, ...uleb(op), ...imm);
  const load = (offset: number) => simd(0x00, 2, ...uleb(offset + 16 * group)); // align 2^2, unaligned vectors allowed
  const store = (offset: number) => {
    simd(0x0b, 2, ...uleb(offset + 16 * group));
    endStmt();
  };
  /** Emits body() for each of the G vectors, interleaved statement by statement. */
  const interleave = (body: () => void) => {
    const lists: number[][][] = [];
    for (group = 0; group < G; group++) {
      stmts = [(out = [])];
      body();
      lists.push(stmts);
    }
    stmts = null;
    out = code;
    group = 0;
    if (lists.some((l) => l.length !== lists[0].length)) throw new Error('D3Q19 SIMD: vectors emit different code');
    for (let i = 0; i < lists[0].length; i++) for (const l of lists) code.push(...l[i]);
  };
  /** Emits body() for each vector, one after the other. */
  const each = (body: () => void) => {
    for (group = 0; group < G; group++) body();
    group = 0;
  };
  const OP = { add: 0xe4, sub: 0xe5, mul: 0xe6, div: 0xe7, sqrt: 0xe3, max: 0xe9 };
  const f4 = (op: keyof typeof OP) => simd(OP[op]);
  const I = { add: 0x6a, mul: 0x6c, lt_s: 0x48, ge_s: 0x4e };
  /** name = a op b (names of locals). */
  const bin = (out: string, a: string, op: keyof typeof OP, b: string) => {
    get(a);
    get(b);
    f4(op);
    set(out);
  };
  const srcOff = (k: number) => k * o.stride - 4 * off[k];
  const dstOff = (k: number) => k * o.stride;

  // ---- prologue: constants
  for (const [x, n] of consts) {
    const b = new DataView(new ArrayBuffer(16));
    for (let i = 0; i < 4; i++) b.setFloat32(i * 4, x, true);
    simd(0x0c, ...new Uint8Array(b.buffer));
    set(n);
  }
  get(P.tau0);
  simd(0x13); // f32x4.splat
  set('tau0');
  bin('tau0sq', 'tau0', 'mul', 'tau0');
  get(P.smag);
  simd(0x13);
  set('smag');
  get(K.zero);
  set('maxv');

  // for z in [z0, z1): for y in [1, ny]: p over the row's vectors (byte offset of the cell)
  get(P.z0);
  set('z');
  e(0x02, 0x40, 0x03, 0x40); // block, loop (z)
  get('z');
  get(P.z1);
  e(I.ge_s, 0x0d, 1);
  // p = ((z*py + 1)*px + 1)*4: the first row's first interior cell; pl = one past the last row
  get('z');
  i32c(o.py);
  e(I.mul);
  i32c(1);
  e(I.add);
  i32c(o.px);
  e(I.mul);
  i32c(1);
  e(I.add);
  i32c(4);
  e(I.mul);
  set('row');
  get('row');
  i32c(o.ny * o.px * 4);
  e(I.add);
  set('pl');
  e(0x02, 0x40, 0x03, 0x40); // block, loop (y)
  get('row');
  get('pl');
  e(I.ge_s, 0x0d, 1);
  get('row');
  set('p');
  get('row');
  i32c(o.nx * 4);
  e(I.add);
  set('pend');
  e(0x02, 0x40, 0x03, 0x40); // block, loop (x)
  get('p');
  get('pend');
  e(I.ge_s, 0x0d, 1);

  each(() => {
    get('p');
    load(o.infoBase);
    if (group > 0) {
      // a vector that starts past the row's end does nothing
      get(K.zero);
      get('p');
      i32c(16 * group);
      e(I.add);
      get('pend');
      e(I.lt_s, 0x1b); // select
    }
    set('info');
    get('info');
    i32c(31);
    simd(0xac); // i32x4.shr_s: bit 31 -> lane mask
    set('m');
  });
  each(() => {
    get('m');
    if (group > 0) simd(0x50); // v128.or
  });
  simd(0x53); // v128.any_true: skip solid / ghost cells (buildings are large solid blocks)
  e(0x04, 0x40);
  get(P.src);
  get('p');
  e(I.add);
  set('sp');
  get(P.dst);
  get('p');
  e(I.add);
  set('dp');
  const U = ['ux', 'uy', 'uz'];
  const Aa = ['ax', 'ay', 'az'];
  const Qq = ['qx', 'qy', 'qz'];
  const QQ = ['Qx', 'Qy', 'Qz'];
  const Bb = ['bx', 'by', 'bz'];
  interleave(() => {
    for (let k = 0; k < 19; k++) {
      get('sp');
      load(srcOff(k));
      set(`f${k}`);
    }
    for (let k = 1; k < 19; k += 2) {
      bin(`s${k}`, `f${k}`, 'add', `f${k + 1}`);
      bin(`d${k}`, `f${k}`, 'sub', `f${k + 1}`);
    }
    // Moments through shared partial sums (pair k, k+1 are opposite; see d3q19Lattice.ts).
    const pairOf = (c: readonly number[]) => C3.findIndex((q) => q[0] === c[0] && q[1] === c[1] && q[2] === c[2]);
    const [p110, p1m10, p101, p10m1, p011, p01m1] = [
      pairOf([1, 1, 0]),
      pairOf([1, -1, 0]),
      pairOf([1, 0, 1]),
      pairOf([1, 0, -1]),
      pairOf([0, 1, 1]),
      pairOf([0, 1, -1]),
    ];
    const [p100, p010, p001] = [pairOf([1, 0, 0]), pairOf([0, 1, 0]), pairOf([0, 0, 1])];
    for (const k of [p110, p1m10, p101, p10m1, p011, p01m1, p100, p010, p001]) if (k % 2 !== 1) throw new Error('D3Q19 SIMD: unexpected velocity order');
    const sum = (out: string, ...terms: string[]) => {
      get(terms[0].replace(/^[+-]/, ''));
      for (const t of terms.slice(1)) {
        get(t.slice(1));
        f4(t[0] === '+' ? 'add' : 'sub');
      }
      set(out);
    };
    sum('A', `s${p110}`, `+s${p1m10}`);
    sum('B', `s${p101}`, `+s${p10m1}`);
    sum('C', `s${p011}`, `+s${p01m1}`);
    sum('Sxx', `s${p100}`, '+A', '+B');
    sum('Syy', `s${p010}`, '+A', '+C');
    sum('Szz', `s${p001}`, '+B', '+C');
    sum('rho', 'f0', '+Sxx', `+s${p010}`, `+s${p001}`, '+C');
    sum('jx', `d${p100}`, `+d${p110}`, `+d${p1m10}`, `+d${p101}`, `+d${p10m1}`);
    sum('jy', `d${p010}`, `+d${p110}`, `-d${p1m10}`, `+d${p011}`, `+d${p01m1}`);
    sum('jz', `d${p001}`, `+d${p101}`, `-d${p10m1}`, `+d${p011}`, `-d${p01m1}`);
    bin('ir', K.one, 'div', 'rho');
    bin('ux', 'jx', 'mul', 'ir');
    bin('uy', 'jy', 'mul', 'ir');
    bin('uz', 'jz', 'mul', 'ir');
    bin('jxux', 'jx', 'mul', 'ux');
    bin('jyuy', 'jy', 'mul', 'uy');
    bin('jzuz', 'jz', 'mul', 'uz');
    // |u|^2 = (j . u) / rho; the fluid lanes' largest is the stability watch
    sum('t', 'jxux', '+jyuy', '+jzuz');
    bin('usq', 't', 'mul', 'ir'); // |u|^2 for now
    get('usq');
    get(K.zero);
    get('m');
    simd(0x52); // bitselect
    get('maxv');
    f4('max');
    set('maxv');
    // Non-equilibrium momentum flux Pi_ab = sum f c_a c_b - rho (u_a u_b + delta_ab / 3), |Pi|^2
    bin('t', 'rho', 'mul', K.third);
    const sq = (first: boolean) => {
      // stack: value -> pi += value^2 (pi = value^2 when first)
      set('h');
      get('h');
      get('h');
      f4('mul');
      if (!first) {
        get('pi');
        f4('add');
      }
      set('pi');
    };
    for (const [S, ju, i] of [
      ['Sxx', 'jxux', 0],
      ['Syy', 'jyuy', 1],
      ['Szz', 'jzuz', 2],
    ] as const) {
      get(S);
      get(ju);
      f4('sub');
      get('t');
      f4('sub');
      sq(i === 0);
    }
    get('pi');
    set('Sxx'); // diagonal part of |Pi|^2 kept here; off-diagonal terms count twice
    const offDiag: [number, number, string, string][] = [
      [p110, p1m10, 'jx', 'uy'],
      [p101, p10m1, 'jx', 'uz'],
      [p011, p01m1, 'jy', 'uz'],
    ];
    offDiag.forEach(([a, b, j, u], i) => {
      get(`s${a}`);
      get(`s${b}`);
      f4('sub');
      get(j);
      get(u);
      f4('mul');
      f4('sub');
      sq(i === 0);
    });
    get('pi');
    get('pi');
    f4('add');
    get('Sxx');
    f4('add');
    f4('sqrt');
    set('pi');
    // omega = 2 / (tau0 + sqrt(tau0^2 + smag |Pi| / rho))
    get(K.two);
    get('tau0');
    get('tau0sq');
    get('smag');
    get('pi');
    f4('mul');
    get('ir');
    f4('mul');
    f4('add');
    f4('sqrt');
    f4('add');
    f4('div');
    set('omega');
    bin('keep', K.one, 'sub', 'omega');
    bin('or', 'omega', 'mul', 'rho');
    // usq = 1 - 1.5 |u|^2
    get(K.one);
    get(K.onehalf);
    get('usq');
    f4('mul');
    f4('sub');
    set('usq');
    bin('oru', 'or', 'mul', 'usq');
    // omega feq_k = W or (usq + 3 cu + 4.5 cu^2) expanded per class with shared products:
    // axis (W 1/18): sym = oru/18 + Q_a, anti = a_a/6 with a = or u, q = a/4, Q_a = q_a u_a;
    // diagonal (W 1/36): sym = oru/36 + (Q_a + Q_b)/2 + s_a s_b q_a u_b, anti = (s_a a_a + s_b a_b)/12.
    for (let a = 0; a < 3; a++) {
      bin(Aa[a], 'or', 'mul', U[a]);
      bin(Qq[a], Aa[a], 'mul', K.quarter);
      bin(QQ[a], Qq[a], 'mul', U[a]);
      bin(Bb[a], Aa[a], 'mul', K.twelfth);
    }
    bin('c18', 'oru', 'mul', K.w18);
    bin('c36', 'oru', 'mul', K.w36);
    bin('c0', 'oru', 'mul', K.w0);
  });

  // Collision + store, emitted twice: plain stores when all four lanes are fluid, else stores that
  // keep dst where the lane is not fluid. Each result is stored as soon as it is computed.
  function put(k: number, masked: boolean): void {
    set('t');
    get('dp');
    get('t');
    if (masked) {
      get('dp');
      load(dstOff(k));
      get('m');
      simd(0x52);
    }
    store(dstOff(k));
  }
  function collide(masked: boolean): void {
    get('keep');
    get('f0');
    f4('mul');
    get('c0');
    f4('add');
    put(0, masked);
    for (let k = 1; k < 19; k += 2) {
      const c = C3[k];
      const axes = [0, 1, 2].filter((a) => c[a] !== 0);
      if (c[axes[0]] !== 1) throw new Error('D3Q19 SIMD: pair must start with a +1 component');
      if (axes.length === 1) {
        const a = axes[0];
        bin('sym', 'c18', 'add', QQ[a]);
        get(Bb[a]);
        get(Bb[a]);
        f4('add');
        set('anti'); // a_a / 6
      } else {
        const [a, b] = axes;
        const sb = c[b];
        get(QQ[a]);
        get(QQ[b]);
        f4('add');
        get(K.half);
        f4('mul');
        get('c36');
        f4('add');
        set('h');
        bin('cross', Qq[a], 'mul', U[b]);
        bin('sym', 'h', sb > 0 ? 'add' : 'sub', 'cross');
        bin('anti', Bb[a], sb > 0 ? 'add' : 'sub', Bb[b]);
      }
      get('keep');
      get(`f${k}`);
      f4('mul');
      get('sym');
      f4('add');
      get('anti');
      f4('add');
      put(k, masked);
      get('keep');
      get(`f${k + 1}`);
      f4('mul');
      get('sym');
      f4('add');
      get('anti');
      f4('sub');
      put(k + 1, masked);
    }
  }
  each(() => {
    get('m');
    if (group > 0) simd(0x4e); // v128.and
  });
  simd(0xa3); // i32x4.all_true
  e(0x04, 0x40);
  interleave(() => collide(false));
  e(0x05);
  interleave(() => collide(true));
  e(0x0b);
  // Bounce-back push: lanes with link bit d write their new population opp(d) into the solid
  // neighbour n - c_d of dst[d] (other lanes keep what is there).
  each(() => {
    get('info');
    i32c(0x7ffffffe);
    simd(0x11); // i32x4.splat
    simd(0x4e); // v128.and
    simd(0x53);
    e(0x04, 0x40);
    for (let d = 1; d < 19; d++) {
      get('info');
      i32c(31 - d);
      simd(0xab); // i32x4.shl
      i32c(31);
      simd(0xac); // i32x4.shr_s -> lane mask of bit d
      set('h');
      get('h');
      simd(0x53);
      e(0x04, 0x40);
      get('dp');
      get('dp');
      load(dstOff(OPP3[d]));
      get('dp');
      load(srcOff(d)); // dst[d] at n - c_d
      get('h');
      simd(0x52);
      store(srcOff(d));
      e(0x0b);
    }
    e(0x0b); // end if (links)
  });
  e(0x0b); // end if (any fluid lane)
  get('p');
  i32c(16 * G);
  e(I.add);
  set('p');
  e(0x0c, 0, 0x0b, 0x0b); // br loop x; end loop, block
  get('row');
  i32c(o.px * 4);
  e(I.add);
  set('row');
  e(0x0c, 0, 0x0b, 0x0b); // next row
  get('z');
  i32c(1);
  e(I.add);
  set('z');
  e(0x0c, 0, 0x0b, 0x0b); // next plane
  get('maxv');
  simd(0x1f, 0); // f32x4.extract_lane
  get('maxv');
  simd(0x1f, 1);
  e(0x97); // f32.max
  get('maxv');
  simd(0x1f, 2);
  e(0x97);
  get('maxv');
  simd(0x1f, 3);
  e(0x97);
  e(0x0b);

  const locals = vec([
    [...uleb(i32Names.length), I32],
    [...uleb(allV.length), V128],
  ]);
  const body = [...locals, ...code];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec([[0x60, ...vec(paramTypes.map((t) => [t])), ...vec([[F32]])]])),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0)])),
    ...section(7, vec([[...name('kernel'), 0x00, ...uleb(0)]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}
