// Screen-friendly aggregation of many points: counts per square grid cell (cell size in degrees
// of latitude, longitude cells widened by 1/cos(lat) so cells are square on the ground). The
// renderer asks for a cell size that matches the current view when zoomed out.
import { EngineRun, type EngineControl } from '../engineControl.js';

export interface AggregateInput {
  /** lon/lat pairs. */
  points: Float64Array;
  cellDegrees: number;
  /** Optional [west, south, east, north]: only points inside are counted. */
  bbox?: [number, number, number, number];
}

export interface AggregateResult {
  /** Per cell: mean lon/lat of its points (so a cluster sits where its points are). */
  lonLat: Float64Array;
  count: Uint32Array;
  /** For cells with one point: that point's index, else -1. */
  single: Int32Array;
}

export function aggregateGrid(input: AggregateInput, control?: EngineControl): AggregateResult {
  const run = new EngineRun('aggregate', control);
  const { points, cellDegrees } = input;
  const n = points.length / 2;
  const cellX = cellDegrees / Math.cos((37.55 * Math.PI) / 180);
  const cells = new Map<number, number>();
  const sumLon: number[] = [];
  const sumLat: number[] = [];
  const count: number[] = [];
  const single: number[] = [];
  const [w, s, e, no] = input.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
  for (let i = 0; i < n; i++) {
    run.tick(i, n);
    const lon = points[2 * i];
    const lat = points[2 * i + 1];
    if (lon < w || lon > e || lat < s || lat > no) continue;
    const key = Math.floor(lon / cellX) * 1_000_003 + Math.floor(lat / cellDegrees);
    let c = cells.get(key);
    if (c === undefined) {
      c = count.length;
      cells.set(key, c);
      sumLon.push(0);
      sumLat.push(0);
      count.push(0);
      single.push(i);
    }
    sumLon[c] += lon;
    sumLat[c] += lat;
    count[c]++;
    if (count[c] > 1) single[c] = -1;
  }
  const lonLat = new Float64Array(count.length * 2);
  for (let c = 0; c < count.length; c++) {
    lonLat[2 * c] = sumLon[c] / count[c];
    lonLat[2 * c + 1] = sumLat[c] / count[c];
  }
  return { lonLat, count: Uint32Array.from(count), single: Int32Array.from(single) };
}
