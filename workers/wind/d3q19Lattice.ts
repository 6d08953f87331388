// The D3Q19 velocity set. Directions come in opposite pairs (k, k + 1) for odd k, which both the
// generated kernel (d3q19Kernel.ts) and the bounce-back links rely on.
export const C3: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
  [1, 1, 0],
  [-1, -1, 0],
  [1, -1, 0],
  [-1, 1, 0],
  [1, 0, 1],
  [-1, 0, -1],
  [1, 0, -1],
  [-1, 0, 1],
  [0, 1, 1],
  [0, -1, -1],
  [0, 1, -1],
  [0, -1, 1],
];

export const W3: readonly number[] = C3.map((c, k) => (k === 0 ? 1 / 3 : Math.abs(c[0]) + Math.abs(c[1]) + Math.abs(c[2]) === 1 ? 1 / 18 : 1 / 36));

export const OPP3: readonly number[] = C3.map((_, k) => (k === 0 ? 0 : k % 2 === 1 ? k + 1 : k - 1));

/** Equilibrium population k at density rho and velocity u. */
export function equilibrium3(k: number, rho: number, ux: number, uy: number, uz: number): number {
  const c = C3[k];
  const cu = c[0] * ux + c[1] * uy + c[2] * uz;
  return W3[k] * rho * (1 + 3 * cu + 4.5 * cu * cu - 1.5 * (ux * ux + uy * uy + uz * uz));
}
