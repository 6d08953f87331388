// The grid the S-DoT surface is computed on: the sites' bbox plus a margin of the search radius,
// cells of CELL_DEG degrees. Shared by the renderer and the benchmark so both time the same work.
export const SURFACE_RADIUS_M = 2000;
export const SURFACE_CELL_DEG = 0.0015; // ~130 m × 165 m at Seoul
const MARGIN_DEG = 0.025; // ≥ 2 km in both directions

export function surfaceGrid(lonLat: ArrayLike<number>): { bbox: [number, number, number, number]; width: number; height: number } {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (let i = 0; i + 1 < lonLat.length; i += 2) {
    w = Math.min(w, lonLat[i]);
    e = Math.max(e, lonLat[i]);
    s = Math.min(s, lonLat[i + 1]);
    n = Math.max(n, lonLat[i + 1]);
  }
  const bbox: [number, number, number, number] = [w - MARGIN_DEG, s - MARGIN_DEG, e + MARGIN_DEG, n + MARGIN_DEG];
  return {
    bbox,
    width: Math.max(1, Math.round((bbox[2] - bbox[0]) / SURFACE_CELL_DEG)),
    height: Math.max(1, Math.round((bbox[3] - bbox[1]) / SURFACE_CELL_DEG)),
  };
}
