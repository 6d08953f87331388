// Viewshed (declaration: common/analyses/viewshed.ts) from a window at a floor, a height above the
// ground or the rooftop, with the target shares of the observer's building.
import { DEFAULT_FLOOR_HEIGHT } from '../../common/scenario/scenarioFormat.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import type { ViewshedParameters } from '../../common/analyses/viewshed.js';
import { groundLevel } from '../planning/applyProposals.js';
import { footprintAt } from '../planning/footprintLookup.js';
import { toXY } from '../planning/proposalGeometry.js';
import { windowPoint } from '../view/targetShares.js';
import { computeViewshed, viewshedStats } from '../view/viewshed.js';
import { round, type AnalysisRunner } from './analysisRunner.js';
import type { VariantOutputs } from './declaredRun.js';
import { compareShares, targetSharesOf } from './targetSharesRunner.js';

/** Orthometric eye height of a viewshed observer: floor mid-height, height above ground, or 1.5 m above the roof. */
export function observerHeight(p: ViewshedParameters, surface: RasterGrid, x: number, y: number): { z: number; ground: number; roof: number } {
  const col = Math.floor((x - surface.originX) / surface.cellSize),
    row = Math.floor((surface.originY - y) / surface.cellSize);
  if (col < 0 || row < 0 || col >= surface.width || row >= surface.height) throw new Error('viewshed observer lies outside the scenario area');
  const roof = surface.values[row * surface.width + col];
  // Ground: as for proposals, the lowest surface near the building (applyProposals.ts).
  const ground = groundLevel(surface, [[x, y]]) ?? roof;
  const z = p.rooftop ? roof + 1.5 : p.floor !== undefined ? ground + (p.floor - 0.5) * DEFAULT_FLOOR_HEIGHT : ground + (p.heightAboveGround ?? 1.5);
  return { z, ground, roof };
}

export const viewshedRunner: AnalysisRunner<'viewshed'> = {
  async run(ctx, p): Promise<VariantOutputs> {
    const surface = await ctx.surface();
    let [x, y] = toXY(p.observer);
    // A floor of a building is seen from its window: the facade point nearest the given point, one
    // cell outside the wall (as targetShares.ts does), not from inside the building.
    const footprints = p.rooftop ? null : await ctx.city.footprints();
    const building = footprints ? footprintAt(footprints, x, y) : null;
    if (building) ({ x, y } = windowPoint(building.ring, surface.before.cellSize, { x, y }));
    const { z } = observerHeight(p, surface.before, x, y);
    const radius = p.radius ?? 1000;
    const v = computeViewshed({ dsm: surface.grid, observer: { x, y, absoluteHeight: z }, radius }, ctx.engineControl(0.05, 0.5));
    const stats = viewshedStats(v.visibility);
    const shares = await targetSharesOf(ctx, p.observer, 0.5);
    const table = shares.tables?.shares;
    return {
      rasters: { visibility: v.visibility },
      tables: table ? { targetShares: table } : undefined,
      facts: {
        observer: `${building ? `window of ${building.id}` : 'point'} at x ${x.toFixed(1)}, y ${y.toFixed(1)}`,
        observerZ: round(z),
        radius,
        visibleCells: stats.visible,
        inRangeCells: stats.inRange,
        ...shares.facts,
      },
      problems: shares.problems,
    };
  },
  compare(before, after) {
    const shares = compareShares(before, after, 'targetShares');
    return {
      figures: {
        observer: before.facts.observer,
        observerZ: before.facts.observerZ,
        radius: before.facts.radius,
        visibleCellsBefore: before.facts.visibleCells,
        visibleCellsAfter: after.facts.visibleCells,
        inRangeCells: before.facts.inRangeCells,
        ...shares.figures,
      },
      tables: shares.tables,
    };
  },
};
