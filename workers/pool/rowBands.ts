// Splitting an engine's work into row bands and putting the bands back together. Pure: used by the
// Node pool (nodePool.ts) and the page (renderer/src/analysis/analysisClient.ts runAnalysisSplit).
//
// HOW TO MAKE AN ENGINE SPLITTABLE (the contract the pool relies on):
//   - its input has a RasterGrid (the first top-level property that looks like one gives the row
//     count), or a top-level `splitHeight` (rows, for inputs that carry parameters instead of
//     rasters: runDeclaredAnalysis), or pass `height` to the pool; and an optional `rows: [start, end)`;
//   - it returns only that band: top-level typed arrays laid out band-row-major (cell-major data
//     such as a per-cell bitset is fine: concatenating bands in row order must give the whole),
//     RasterGrids of the band rows only (height = end - start, originY moved down) at the top level
//     or in a top-level record of RasterGrids (runDeclaredAnalysis's `rasters`), `rows`, and
//     everything else the same for every band (taken from the first band);
//   - bands must not depend on each other (read the whole input, write the band).
// For anything else pass your own `merge` to the pool.
import type { RasterGrid } from '../../common/rasterGrid.js';

export type RowBand = [number, number];

/** `parts` contiguous bands of near-equal height covering [0, height). */
export function planRowBands(height: number, parts: number): RowBand[] {
  if (!(Number.isInteger(height) && height > 0)) throw new Error(`planRowBands: height ${height} must be a positive whole number`);
  const n = Math.max(1, Math.min(height, Math.floor(parts) || 1));
  const bands: RowBand[] = [];
  for (let i = 0; i < n; i++) bands.push([Math.floor((i * height) / n), Math.floor(((i + 1) * height) / n)]);
  return bands;
}

function isTypedArray(v: unknown): v is ArrayBufferView & { length: number; set(a: ArrayLike<number>, o: number): void } {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

export function isRasterGrid(v: unknown): v is RasterGrid {
  const g = v as RasterGrid;
  return (
    typeof v === 'object' &&
    v !== null &&
    isTypedArray(g.values) &&
    typeof g.width === 'number' &&
    typeof g.height === 'number' &&
    typeof g.originY === 'number'
  );
}

/** Rows of the first RasterGrid at the top level of an engine input, or its `splitHeight`. */
export function inputHeight(input: unknown): number {
  if (typeof input === 'object' && input !== null) {
    for (const v of Object.values(input)) if (isRasterGrid(v)) return v.height;
    const { splitHeight } = input as { splitHeight?: unknown };
    if (typeof splitHeight === 'number') return splitHeight;
  }
  throw new Error('cannot split: the input has no RasterGrid at its top level and no splitHeight (pass `height`)');
}

function mergeGrids(grids: RasterGrid[]): RasterGrid {
  return { ...grids[0], values: concat(grids.map((g) => g.values)), height: grids.reduce((n, g) => n + g.height, 0) };
}

/** A plain object whose values are all RasterGrids (at least one). */
function isGridRecord(v: unknown): v is Record<string, RasterGrid> {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v) || isRasterGrid(v)) return false;
  const values = Object.values(v);
  return values.length > 0 && values.every(isRasterGrid);
}

function concat<T extends ArrayBufferView>(arrays: T[]): T {
  const total = arrays.reduce((n, a) => n + (a as unknown as { length: number }).length, 0);
  const Ctor = (arrays[0] as unknown as { constructor: new (n: number) => T }).constructor;
  const out = new Ctor(total) as unknown as { set(a: ArrayLike<number>, o: number): void };
  let o = 0;
  for (const a of arrays) {
    out.set(a as unknown as ArrayLike<number>, o);
    o += (a as unknown as { length: number }).length;
  }
  return out as unknown as T;
}

/** Puts band results (in band order) back together by the contract above. */
export function mergeRowBands<R>(parts: R[]): R {
  if (parts.length === 0) throw new Error('mergeRowBands: no parts');
  if (parts.length === 1) return parts[0];
  const first = parts[0] as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    const values = parts.map((p) => (p as Record<string, unknown>)[key]);
    const v0 = values[0];
    if (key === 'rows' && Array.isArray(v0)) {
      out[key] = [v0[0], (values[values.length - 1] as number[])[1]];
    } else if (isTypedArray(v0)) {
      out[key] = concat(values as ArrayBufferView[]);
    } else if (isRasterGrid(v0)) {
      out[key] = mergeGrids(values as RasterGrid[]);
    } else if (isGridRecord(v0)) {
      const records = values as Array<Record<string, RasterGrid>>;
      out[key] = Object.fromEntries(Object.keys(v0).map((name) => [name, mergeGrids(records.map((r) => r[name]))]));
    } else {
      out[key] = v0;
    }
  }
  return out as R;
}

/** Fraction done over all bands, weighting each by its rows. */
export function combinedProgress(bands: RowBand[], fractions: number[]): number {
  let done = 0;
  let total = 0;
  bands.forEach(([a, b], i) => {
    done += (b - a) * (fractions[i] ?? 0);
    total += b - a;
  });
  return total > 0 ? done / total : 0;
}
