// Proposals burnt into a hand-made flat surface model (a fixture, not Seoul data): the exact cells
// a box covers, with and without rotation, the base taken from the street, glTF footprints.
import { describe, expect, it } from 'vitest';
import { toWgs84 } from '../../../common/crs.js';
import { applyProposals, BASE_SEARCH_M } from '../../../workers/planning/applyProposals.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { Proposal } from '../../../common/scenario/scenarioFormat.js';

const ORIGIN_X = 198000;
const ORIGIN_Y = 552000;

function flatGrid(value = 20, size = 100): RasterGrid {
  return { values: new Float32Array(size * size).fill(value), width: size, height: size, cellSize: 1, originX: ORIGIN_X, originY: ORIGIN_Y, noData: -9999 };
}

const lonLat = (x: number, y: number) => toWgs84('EPSG:5186', x, y);
const CX = ORIGIN_X + 50;
const CY = ORIGIN_Y - 50;

function raisedCells(before: RasterGrid, after: RasterGrid): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < after.values.length; i++) if (after.values[i] !== before.values[i]) out.push([i % after.width, Math.floor(i / after.width)]);
  return out;
}

describe('applyProposals', () => {
  it('raises exactly the cells whose centres lie in an unrotated box, to base + height', () => {
    const dsm = flatGrid();
    const box: Proposal = { kind: 'box', id: 't', centre: lonLat(CX, CY), width: 10, depth: 6, height: 45 };
    const r = applyProposals({ dsm, proposals: [box] });
    const cells = raisedCells(dsm, r.dsm);
    expect(cells).toHaveLength(60);
    const cols = new Set(cells.map(([c]) => c));
    const rows = new Set(cells.map(([, row]) => row));
    expect([...cols].sort((a, b) => a - b)).toEqual([45, 46, 47, 48, 49, 50, 51, 52, 53, 54]);
    expect([...rows].sort((a, b) => a - b)).toEqual([47, 48, 49, 50, 51, 52]);
    for (const [c, row] of cells) expect(r.dsm.values[row * 100 + c]).toBe(65);
    expect(r.prisms).toHaveLength(1);
    expect(r.prisms[0].base).toBe(20);
    expect(r.prisms[0].top).toBe(65);
    expect(r.cellsRaised.t).toBe(60);
    expect(r.problems).toEqual([]);
    // The input grid is not touched.
    expect(dsm.values.every((v) => v === 20)).toBe(true);
  });

  it('swaps the sides when rotated by 90 degrees (clockwise: the depth side points east)', () => {
    const dsm = flatGrid();
    const r = applyProposals({ dsm, proposals: [{ kind: 'box', id: 't', centre: lonLat(CX, CY), width: 10, depth: 6, rotation: 90, floors: 10 }] });
    const cells = raisedCells(dsm, r.dsm);
    expect(new Set(cells.map(([c]) => c)).size).toBe(6);
    expect(new Set(cells.map(([, row]) => row)).size).toBe(10);
    expect(r.prisms[0].top).toBeCloseTo(20 + 33, 5); // 10 floors x 3.3 m
  });

  it('fills a box rotated by 30 degrees cell for cell like an independent point-in-rectangle test', () => {
    const dsm = flatGrid();
    const w = 24,
      d = 12,
      rot = 30;
    const r = applyProposals({ dsm, proposals: [{ kind: 'box', id: 't', centre: lonLat(CX, CY), width: w, depth: d, rotation: rot, height: 10 }] });
    const t = (rot * Math.PI) / 180;
    let mismatches = 0,
      inside = 0;
    for (let row = 0; row < 100; row++) {
      for (let col = 0; col < 100; col++) {
        const dx = ORIGIN_X + col + 0.5 - CX,
          dy = ORIGIN_Y - row - 0.5 - CY;
        // Inverse of the clockwise rotation: back into the box's own (u east, v north) frame.
        const u = dx * Math.cos(t) - dy * Math.sin(t);
        const v = dx * Math.sin(t) + dy * Math.cos(t);
        const expected = Math.abs(u) < w / 2 && Math.abs(v) < d / 2;
        if (expected) inside++;
        if (expected !== (r.dsm.values[row * 100 + col] === 30)) mismatches++;
      }
    }
    expect(inside).toBeGreaterThan(270);
    expect(mismatches).toBe(0);
  });

  it('stands a tower on the street next to an existing building, not on its roof', () => {
    // A 200 m grid; an existing 30 m building block covers the footprint and 65 m around it.
    const dsm2 = flatGrid(20, 200);
    for (let row = 30; row < 170; row++) for (let col = 30; col < 170; col++) dsm2.values[row * 200 + col] = 50;
    const C2: [number, number] = lonLat(ORIGIN_X + 100, ORIGIN_Y - 100);
    const r = applyProposals({ dsm: dsm2, proposals: [{ kind: 'box', id: 't', centre: C2, width: 10, depth: 10, height: 100 }] });
    expect(BASE_SEARCH_M).toBe(60);
    // The block reaches 65 m beyond the box on every side (> BASE_SEARCH_M): no street within reach.
    expect(r.prisms[0].base).toBe(50);
    // A wider tower comes within 60 m of the street.
    const r2 = applyProposals({ dsm: dsm2, proposals: [{ kind: 'box', id: 't', centre: C2, width: 20, depth: 20, height: 100 }] });
    expect(r2.prisms[0].base).toBe(20);
    expect(r2.dsm.values[100 * 200 + 100]).toBe(120);
  });

  it('uses the bounding box of a glTF model as its footprint and its height as the top', () => {
    const dsm = flatGrid();
    const p: Proposal = { kind: 'gltf', id: 'm', uri: 'tower.glb', position: lonLat(CX, CY), scale: 2 };
    const r = applyProposals({ dsm, proposals: [p], modelBounds: { m: { min: [-2, 0, -3], max: [2, 30, 3] } } });
    expect(raisedCells(dsm, r.dsm)).toHaveLength(8 * 12);
    expect(r.prisms[0].top).toBe(80);
    const missing = applyProposals({ dsm, proposals: [p] });
    expect(missing.problems[0]).toMatch(/proposal m: the bounds of its glTF model \(tower.glb\) are not known/);
    expect(missing.prisms).toHaveLength(0);
  });

  it('reports a proposal outside the surface model and still applies the others', () => {
    const dsm = flatGrid();
    const r = applyProposals({
      dsm,
      proposals: [
        { kind: 'box', id: 'far', centre: lonLat(CX + 5000, CY), width: 10, depth: 10, height: 10 },
        { kind: 'polygon', id: 'near', ring: [lonLat(CX, CY), lonLat(CX + 10, CY), lonLat(CX + 10, CY + 10)], height: 5 },
      ],
    });
    expect(r.problems).toEqual([expect.stringMatching(/^proposal far: lies outside the surface model .*not applied$/)]);
    expect(r.prisms.map((p) => p.id)).toEqual(['near']);
    expect(r.cellsRaised.near).toBeGreaterThan(40);
  });
});
