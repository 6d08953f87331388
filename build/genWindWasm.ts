// Writes workers/wind/d3q19Wasm.ts: the same fused pull-stream + BGK/Smagorinsky sweep as
// d3q19Kernel.ts, as a WebAssembly SIMD module (f32x4: four cells of a row per iteration) encoded
// here byte by byte (no toolchain dependency) and embedded as base64. Run: npx tsx build/genWindWasm.ts
//
// kernel(srcBase, dstBase, maskBase, stride, px, py, nx, ny, z0, z1, tau0, smag) -> max lattice speed^2
//   srcBase/dstBase: byte address of population array 0; array k starts `stride` bytes after k - 1.
//   maskBase: Int32 per padded cell, -1 = fluid (updated), 0 = anything else (kept as it was in dst).
//   Arrays must extend 4 cells past the last padded cell (the last vector of a row may overrun).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { C3, W3 } from '../workers/wind/d3q19Lattice.js';

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
const name = (s: string) => [...uleb(s.length), ...Buffer.from(s, 'utf8')];

// ---- locals
const P = { src: 0, dst: 1, mask: 2, stride: 3, px: 4, py: 5, nx: 6, ny: 7, z0: 8, z1: 9, tau0: 10, smag: 11 };
const paramTypes = [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F32, F32];
let next = paramTypes.length;
const i32Locals: string[] = [];
const v128Locals: string[] = [];
const L: Record<string, number> = {};
const addI32 = (n: string) => i32Locals.push(n);
const addV = (n: string) => v128Locals.push(n);
for (let k = 0; k < 19; k++) addI32(`sk${k}`);
for (let k = 0; k < 19; k++) addI32(`dk${k}`);
['z', 'y', 'p', 'pend', 'row'].forEach(addI32);
for (let k = 0; k < 19; k++) addV(`f${k}`);
for (let k = 0; k < 19; k++) addV(`n${k}`);
for (let k = 1; k < 19; k += 2) {
  addV(`s${k}`);
  addV(`d${k}`);
}
['m', 'rho', 'or', 'oru', 'ir', 'ux', 'uy', 'uz', 'u2', 'omega', 'keep', 'usq', 'cu', 'wr', 'sym', 'anti', 'pi', 'maxv', 'vtau0', 'vtau0sq', 'vsmag', 't'].forEach(addV);
for (const n of i32Locals) L[n] = next++;
for (const n of v128Locals) L[n] = next++;

// ---- code emitter
const code: number[] = [];
const e = (...b: number[]) => code.push(...b);
const get = (n: string | number) => e(0x20, ...uleb(typeof n === 'number' ? n : L[n]));
const set = (n: string | number) => e(0x21, ...uleb(typeof n === 'number' ? n : L[n]));
const i32c = (v: number) => e(0x41, ...sleb(v));
const simd = (op: number, ...imm: number[]) => e(0xfd, ...uleb(op), ...imm);
const memarg = [2, 0]; // align 2^2 (unaligned vectors are allowed), offset 0
const vload = () => simd(0x00, ...memarg);
const vstore = () => simd(0x0b, ...memarg);
const fconst = (x: number) => {
  const b = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) b.writeFloatLE(x, i * 4);
  simd(0x0c, ...b);
};
const OP = { add: 0xe4, sub: 0xe5, mul: 0xe6, div: 0xe7, sqrt: 0xe3, neg: 0xe1, max: 0xe9 };
const f4 = (op: keyof typeof OP) => simd(OP[op]);
const i32 = { add: 0x6a, sub: 0x6b, mul: 0x6c, lt_s: 0x48, ge_s: 0x4e };

/** Pushes the sum of populations weighted +1/-1 by `coef`, through the pair sums s_k = f_k + f_k+1 and differences d_k = f_k - f_k+1. */
function sumF(coef: (c: readonly number[]) => number): void {
  const terms: [string, number][] = [];
  if (coef(C3[0]) === 1) terms.push(['f0', 1]);
  for (let k = 1; k < 19; k += 2) {
    const a = coef(C3[k]);
    const b = coef(C3[k + 1]);
    if (a === 0 && b === 0) continue;
    if (a === b) terms.push([`s${k}`, a]);
    else if (a === -b) terms.push([`d${k}`, a]);
    else throw new Error('moment not expressible by pair sums');
  }
  terms.sort((x, y) => y[1] - x[1]);
  if (!terms.length || terms[0][1] < 0) fconst(0);
  terms.forEach(([n, sign], i) => {
    get(n);
    if (i > 0 || terms[0][1] < 0) f4(sign > 0 ? 'add' : 'sub');
  });
}

// ---- prologue: per-direction base addresses, constants
for (let k = 0; k < 19; k++) {
  const [cx, cy, cz] = C3[k];
  // sk = src + k*stride - 4*(cz*px*py + cy*px + cx)
  get(P.src);
  i32c(k);
  get(P.stride);
  e(i32.mul, i32.add);
  get(P.px);
  get(P.py);
  e(i32.mul);
  i32c(cz);
  e(i32.mul);
  get(P.px);
  i32c(cy);
  e(i32.mul, i32.add);
  i32c(cx);
  e(i32.add);
  i32c(4);
  e(i32.mul, i32.sub);
  set(`sk${k}`);
  get(P.dst);
  i32c(k);
  get(P.stride);
  e(i32.mul, i32.add);
  set(`dk${k}`);
}
get(P.tau0);
simd(0x13); // f32x4.splat
set('vtau0');
get('vtau0');
get('vtau0');
f4('mul');
set('vtau0sq');
get(P.smag);
simd(0x13);
set('vsmag');
fconst(0);
set('maxv');

// for z in [z0, z1)
get(P.z0);
set('z');
e(0x02, 0x40); // block (exit z)
e(0x03, 0x40); // loop z
get('z');
get(P.z1);
e(i32.ge_s, 0x0d, 1); // br_if exit z
i32c(1);
set('y');
e(0x02, 0x40); // block (exit y)
e(0x03, 0x40); // loop y
get('y');
get(P.ny);
e(0x4a); // i32.gt_s
e(0x0d, 1); // br_if exit y
// p = ((z*py + y)*px + 1)*4 ; pend = p + nx*4
get('z');
get(P.py);
e(i32.mul);
get('y');
e(i32.add);
get(P.px);
e(i32.mul);
i32c(1);
e(i32.add);
i32c(4);
e(i32.mul);
set('p');
get('p');
get(P.nx);
i32c(4);
e(i32.mul, i32.add);
set('pend');
e(0x02, 0x40); // block (exit x)
e(0x03, 0x40); // loop x
get('p');
get('pend');
e(i32.ge_s, 0x0d, 1);

// mask and populations
get(P.mask);
get('p');
e(i32.add);
vload();
set('m');
// Four solid / ghost cells: nothing to do (buildings are large solid blocks in a city lattice).
get('m');
simd(0x53); // v128.any_true
e(0x04, 0x40); // if any fluid lane
for (let k = 0; k < 19; k++) {
  get(`sk${k}`);
  get('p');
  e(i32.add);
  vload();
  set(`f${k}`);
}
for (let k = 1; k < 19; k += 2) {
  get(`f${k}`);
  get(`f${k + 1}`);
  f4('add');
  set(`s${k}`);
  get(`f${k}`);
  get(`f${k + 1}`);
  f4('sub');
  set(`d${k}`);
}
sumF(() => 1);
set('rho');
fconst(1);
get('rho');
f4('div');
set('ir');
sumF((c) => c[0]);
get('ir');
f4('mul');
set('ux');
sumF((c) => c[1]);
get('ir');
f4('mul');
set('uy');
sumF((c) => c[2]);
get('ir');
f4('mul');
set('uz');
get('ux');
get('ux');
f4('mul');
get('uy');
get('uy');
f4('mul');
f4('add');
get('uz');
get('uz');
f4('mul');
f4('add');
set('u2');
// maxv = max(maxv, u2 masked to fluid lanes)
get('u2');
fconst(0);
get('m');
simd(0x52); // bitselect(u2, 0, m)
get('maxv');
f4('max');
set('maxv');

// Smagorinsky: Pi_neq components, |Pi|, omega = 2 / (tau0 + sqrt(tau0^2 + smag |Pi| / rho))
const pis: [(c: readonly number[]) => number, string, string, boolean][] = [
  [(c) => c[0] * c[0], 'ux', 'ux', true],
  [(c) => c[1] * c[1], 'uy', 'uy', true],
  [(c) => c[2] * c[2], 'uz', 'uz', true],
  [(c) => c[0] * c[1], 'ux', 'uy', false],
  [(c) => c[0] * c[2], 'ux', 'uz', false],
  [(c) => c[1] * c[2], 'uy', 'uz', false],
];
pis.forEach(([coef, a, b, diag], i) => {
  sumF(coef);
  get('rho');
  get(a);
  get(b);
  f4('mul');
  if (diag) {
    fconst(1 / 3);
    f4('add');
  }
  f4('mul');
  f4('sub');
  set('t');
  get('t');
  get('t');
  f4('mul');
  if (!diag) {
    fconst(2);
    f4('mul');
  }
  if (i > 0) {
    get('pi');
    f4('add');
  }
  set('pi');
});
fconst(2);
get('vtau0');
get('vtau0sq');
get('vsmag');
get('pi');
f4('sqrt');
f4('mul');
get('ir');
f4('mul');
f4('add');
f4('sqrt');
f4('add');
f4('div');
set('omega');
fconst(1);
get('omega');
f4('sub');
set('keep');
fconst(1);
fconst(1.5);
get('u2');
f4('mul');
f4('sub');
set('usq');
get('omega');
get('rho');
f4('mul');
set('or');
get('or');
get('usq');
f4('mul');
set('oru');
// Collision + store, emitted twice: plain stores when all four lanes are fluid, else masked stores
// keeping dst where the mask is 0. Each population is stored as soon as it is computed, so only
// the 19 incoming populations stay live (fewer spills of the 16 vector registers).
function store(k: number, masked: boolean): void {
  // value on the stack -> local t, then store at dk + p
  set('t');
  get(`dk${k}`);
  get('p');
  e(i32.add);
  get('t');
  if (masked) {
    get(`dk${k}`);
    get('p');
    e(i32.add);
    vload();
    get('m');
    simd(0x52); // bitselect(new, old, m)
  }
  vstore();
}
function collide(masked: boolean): void {
  // n0 = keep*f0 + omega*w0*rho*usq
  get('keep');
  get('f0');
  f4('mul');
  get('or');
  fconst(W3[0]);
  f4('mul');
  get('usq');
  f4('mul');
  f4('add');
  store(0, masked);
  for (let k = 1; k < 19; k += 2) {
    const c = C3[k];
    const terms = (['ux', 'uy', 'uz'] as const).map((u, a) => [u, c[a]] as const).filter(([, v]) => v !== 0);
    terms.forEach(([u, v], i) => {
      get(u);
      if (i === 0) {
        if (v < 0) f4('neg');
      } else f4(v > 0 ? 'add' : 'sub');
    });
    set('cu');
    // a = omega rho cu; sym = W (omega rho usq + 4.5 a cu); anti = 3 W a
    get('or');
    get('cu');
    f4('mul');
    set('wr');
    get('wr');
    get('cu');
    f4('mul');
    fconst(4.5);
    f4('mul');
    get('oru');
    f4('add');
    fconst(W3[k]);
    f4('mul');
    set('sym');
    get('wr');
    fconst(3 * W3[k]);
    f4('mul');
    set('anti');
    get('keep');
    get(`f${k}`);
    f4('mul');
    get('sym');
    f4('add');
    get('anti');
    f4('add');
    store(k, masked);
    get('keep');
    get(`f${k + 1}`);
    f4('mul');
    get('sym');
    f4('add');
    get('anti');
    f4('sub');
    store(k + 1, masked);
  }
}
get('m');
simd(0xa3); // i32x4.all_true
e(0x04, 0x40); // if
collide(false);
e(0x05); // else
collide(true);
e(0x0b); // end if (store)
e(0x0b); // end if (any fluid lane)
get('p');
i32c(16);
e(i32.add);
set('p');
e(0x0c, 0); // br loop x
e(0x0b, 0x0b); // end loop x, end block x
get('y');
i32c(1);
e(i32.add);
set('y');
e(0x0c, 0);
e(0x0b, 0x0b); // end loop y, block y
get('z');
i32c(1);
e(i32.add);
set('z');
e(0x0c, 0);
e(0x0b, 0x0b); // end loop z, block z
// return max over lanes
get('maxv');
simd(0x1f, 0); // f32x4.extract_lane 0
get('maxv');
simd(0x1f, 1);
e(0x97); // f32.max
get('maxv');
simd(0x1f, 2);
e(0x97);
get('maxv');
simd(0x1f, 3);
e(0x97);
e(0x0b); // end function

const locals = vec([
  [...uleb(i32Locals.length), I32],
  [...uleb(v128Locals.length), V128],
]);
const body = [...locals, ...code];
const bytes = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, vec([[0x60, ...vec(paramTypes.map((t) => [t])), ...vec([[F32]])]])),
  ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
  ...section(3, vec([uleb(0)])),
  ...section(7, vec([[...name('kernel'), 0x00, ...uleb(0)]])),
  ...section(10, vec([[...uleb(body.length), ...body]])),
];
const wasm = Uint8Array.from(bytes);
if (!(globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly.validate(wasm)) throw new Error('generated wind kernel does not validate');
const b64 = Buffer.from(wasm).toString('base64');
const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../workers/wind/d3q19Wasm.ts');
const lines = b64.match(/.{1,100}/g)!.map((l) => `  '${l}' +`);
lines[lines.length - 1] = lines[lines.length - 1].replace(/ \+$/, ';');
writeFileSync(
  out,
  [
    '// GENERATED by build/genWindWasm.ts — do not edit by hand.',
    '// WebAssembly SIMD (f32x4) version of collideStreamD3Q19 (d3q19Kernel.ts); signature in the generator.',
    `export const D3Q19_WASM_BASE64 =\n${lines.join('\n')}`,
    '',
  ].join('\n'),
);
console.log(`wrote ${out} (${wasm.length} bytes)`);
