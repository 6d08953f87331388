// Turns a scenario's proposals into what the engines read: (a) a copy of the surface model with
// each proposal burnt in (a cell whose centre lies inside the footprint becomes the higher of its
// surface and the proposal's roof) for the 2.5D analyses, and (b) prisms (footprint ring in
// EPSG:5186, orthometric base and top) for the 3D ray casting (workers/geometry/prisms.ts).
//
// A proposal stands on the ground: its base is the lowest surface-model value within BASE_SEARCH_M
// metres of its footprint (the nearest street or yard), so a tower drawn over existing buildings
// is not lifted onto their roofs. Heights are above that base. On a slope this takes the low side.
import type { ProposalPrism } from '../geometry/prisms.js';
import { EngineRun, type EngineControl } from '../engineControl.js';
import { forEachCellInRings } from '../grid/rasterizeRings.js';
import { assertGrid, type RasterGrid } from '../../common/rasterGrid.js';
import { proposalHeight, type Proposal } from '../../common/scenario/scenarioFormat.js';
import { proposalRing, type ModelBounds, type XY } from './proposalGeometry.js';

export type { ProposalPrism } from '../geometry/prisms.js';

/** Metres around the footprint searched for the ground level (blocks of low buildings in central Seoul reach ~50 m from the nearest street). */
export const BASE_SEARCH_M = 60;

export interface ApplyProposalsInput {
  dsm: RasterGrid;
  proposals: Proposal[];
  /** Model bounds of glTF proposals by proposal id (read by the caller from the model file). */
  modelBounds?: Record<string, ModelBounds>;
}

export interface ApplyProposalsResult {
  /** The surface model with the proposals; `dsm.values` is a new array. */
  dsm: RasterGrid;
  prisms: ProposalPrism[];
  /** Cells raised per proposal id. */
  cellsRaised: Record<string, number>;
  /** One line per proposal that could not be applied (and why); the rest are applied. */
  problems: string[];
}

function footprintCells(grid: RasterGrid, ring: XY[]): number[] {
  const cells: number[] = [];
  forEachCellInRings(grid, [ring], (i) => cells.push(i));
  return cells;
}

/** Lowest valid surface value in the footprint's bounding box grown by BASE_SEARCH_M. */
export function groundLevel(grid: RasterGrid, ring: XY[]): number | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const margin = Math.ceil(BASE_SEARCH_M / grid.cellSize);
  const c0 = Math.max(0, Math.floor((minX - grid.originX) / grid.cellSize) - margin);
  const c1 = Math.min(grid.width - 1, Math.floor((maxX - grid.originX) / grid.cellSize) + margin);
  const r0 = Math.max(0, Math.floor((grid.originY - maxY) / grid.cellSize) - margin);
  const r1 = Math.min(grid.height - 1, Math.floor((grid.originY - minY) / grid.cellSize) + margin);
  let low = Infinity;
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const v = grid.values[r * grid.width + c];
      if (v !== grid.noData && !Number.isNaN(v) && v < low) low = v;
    }
  }
  return Number.isFinite(low) ? low : null;
}

function proposalTop(p: Proposal, base: number, bounds?: ModelBounds): number {
  if (p.kind === 'gltf') return base + (bounds ? bounds.max[1] * (p.scale ?? 1) : 0);
  return base + proposalHeight(p);
}

export function applyProposals(input: ApplyProposalsInput, control?: EngineControl): ApplyProposalsResult {
  const run = new EngineRun('applyProposals', control);
  assertGrid(input.dsm, 'surface model');
  const dsm: RasterGrid = { ...input.dsm, values: new Float32Array(input.dsm.values) };
  const prisms: ProposalPrism[] = [];
  const cellsRaised: Record<string, number> = {};
  const problems: string[] = [];
  input.proposals.forEach((p, i) => {
    run.report(i / Math.max(1, input.proposals.length), 'proposals');
    const bounds = input.modelBounds?.[p.id];
    let ring: XY[];
    try {
      ring = proposalRing(p, bounds);
    } catch (err) {
      problems.push(`${err instanceof Error ? err.message : String(err)}: not applied`);
      return;
    }
    // The base comes from the unmodified surface, so proposal order does not matter.
    const base = groundLevel(input.dsm, ring);
    if (base === null) {
      problems.push(`proposal ${p.id}: lies outside the surface model (x ${ring[0][0].toFixed(0)}, y ${ring[0][1].toFixed(0)}): not applied`);
      return;
    }
    const top = proposalTop(p, base, bounds);
    if (!(top > base)) {
      problems.push(`proposal ${p.id}: has no height above its base: not applied`);
      return;
    }
    let raised = 0;
    for (const c of footprintCells(dsm, ring)) {
      if (dsm.values[c] === dsm.noData) continue;
      if (dsm.values[c] < top) dsm.values[c] = top;
      raised++;
    }
    if (raised === 0)
      problems.push(`proposal ${p.id}: its footprint covers no cell centre of the surface model (smaller than one cell?); kept as a 3D prism only`);
    cellsRaised[p.id] = raised;
    prisms.push({ id: p.id, ring, base, top });
  });
  run.report(1, 'proposals');
  return { dsm, prisms, cellsRaised, problems };
}
