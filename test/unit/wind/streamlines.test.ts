// Streamlines of the pedestrian wind field on hand-made fields: straight lines in a uniform field,
// turning with the field, stopping at roofs (no data).
import { describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { traceStreamlines } from '../../../workers/wind/streamlines.js';

const grid = (w: number, h: number, roof?: (c: number, r: number) => boolean): RasterGrid => {
  const values = new Float32Array(w * h).fill(0.5);
  if (roof) for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) if (roof(c, r)) values[r * w + c] = -9999;
  return { values, width: w, height: h, cellSize: 4, originX: 1000, originY: 2000, noData: -9999 };
};

describe('pedestrian-wind streamlines', () => {
  it('runs straight with a uniform field and keeps the ratio', () => {
    const g = grid(40, 20);
    const east = new Float32Array(800).fill(0.3);
    const north = new Float32Array(800).fill(0.4);
    const lines = traceStreamlines(g, east, north, { seedEvery: 10 });
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      const dx = l.points[l.points.length - 2] - l.points[0];
      const dy = l.points[l.points.length - 1] - l.points[1];
      expect(Math.abs(Math.atan2(dy, dx) - Math.atan2(0.4, 0.3))).toBeLessThan(1e-6); // north-east, y up in EPSG:5186
      expect(l.meanRatio).toBeCloseTo(0.5, 6);
    }
  });

  it('stops at a roof', () => {
    const g = grid(40, 10, (c) => c >= 20);
    const east = new Float32Array(400).fill(0.5);
    const north = new Float32Array(400);
    for (const l of traceStreamlines(g, east, north, { seedEvery: 4 })) {
      for (let i = 0; i < l.points.length; i += 2) expect(l.points[i]).toBeLessThanOrEqual(1000 + 20 * 4 + 2);
    }
  });
});
