// Viewshed (declaration: common/analyses/viewshed.ts) from a window at a floor, a height above the
// ground or the rooftop (observerEye: the one rule), with the target shares of the observer's building.
import { DEFAULT_FLOOR_HEIGHT } from '../../common/scenario/scenarioFormat.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import type { ViewshedParameters } from '../../common/analyses/viewshed.js';
import { groundLevel } from '../planning/applyProposals.js';
import { footprintAt, type Footprint } from '../planning/footprintLookup.js';
import { ringCentre, toXY } from '../planning/proposalGeometry.js';
import { windowPoint } from '../view/targetShares.js';
import { computeViewshed, viewshedStats } from '../view/viewshed.js';
import { round, type AnalysisRunner } from './analysisRunner.js';
import type { VariantOutputs } from './declaredRun.js';
import { compareShares, targetSharesOf } from './targetSharesRunner.js';

/** Eye height above the roof, and above the ground when no height is given. */
const EYE_M = 1.5;

export interface ObserverEye {
  /** EPSG:5186 and orthometric metres. */
  x: number;
  y: number;
  z: number;
  /** Grid azimuth (degrees) the window looks out to (0 for the rooftop and the ground). */
  facing: number;
}

/**
 * Where a viewshed observer's eye is — the one rule of the View tab and of scenario files. In a
 * building (its footprint holds the point) a floor is seen from its window: the facade point nearest
 * the point, one cell outside the wall, at (floor − 0.5) × 3.3 m above the lowest surface within
 * 60 m of it (the ground proposals stand on, applyProposals.ts), the floor no higher than the
 * building's own (its floor count, else its height / 3.3 m). The rooftop eye is 1.5 m above the
 * surface at the point; anywhere else the eye is heightAboveGround (default 1.5 m) above that ground.
 */
export function observerEye(p: ViewshedParameters, surface: RasterGrid, building: Footprint | null, px: number, py: number): ObserverEye {
  const at = (x: number, y: number) => {
    const col = Math.floor((x - surface.originX) / surface.cellSize),
      row = Math.floor((surface.originY - y) / surface.cellSize);
    if (col < 0 || row < 0 || col >= surface.width || row >= surface.height) throw new Error('viewshed observer lies outside the scenario area');
    return surface.values[row * surface.width + col];
  };
  if (p.rooftop) return { x: px, y: py, z: at(px, py) + EYE_M, facing: 0 };
  const { x, y } = building ? windowPoint(building.ring, surface.cellSize, { x: px, y: py }) : { x: px, y: py };
  const ground = groundLevel(surface, [[x, y]]) ?? at(x, y);
  if (!building || p.floor === undefined) return { x, y, z: ground + (p.heightAboveGround ?? EYE_M), facing: 0 };
  const floors = building.floors > 0 ? building.floors : Math.max(1, Math.floor(building.height / DEFAULT_FLOOR_HEIGHT));
  const floor = Math.min(Math.max(1, p.floor), floors);
  const [cx, cy] = ringCentre(building.ring);
  return { x, y, z: ground + (floor - 0.5) * DEFAULT_FLOOR_HEIGHT, facing: (Math.atan2(x - cx, y - cy) * 180) / Math.PI };
}

export const viewshedRunner: AnalysisRunner<'viewshed'> = {
  async run(ctx, p): Promise<VariantOutputs> {
    const surface = await ctx.surface();
    const [px, py] = toXY(p.observer);
    const footprints = p.rooftop ? null : await ctx.city.footprints();
    const building = footprints ? footprintAt(footprints, px, py) : null;
    const { x, y, z, facing } = observerEye(p, surface.before, building, px, py);
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
        // Where the page's camera stands for the view from the window.
        eyeX: x,
        eyeY: y,
        facing,
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
