// River flooding as a connected fill (declaration: common/analyses/riverFill.ts) over the area, from
// the build's water polygons and waterway lines, at a level given or the water's lowest surface in
// the area plus a rise (the kiosk's flood result is this with a 3 m rise).
import type { RasterGrid } from '../../common/rasterGrid.js';
import { fillConnected, waterSeedMask, type WaterGeometry } from '../flood/connectedFill.js';
import { beforeAfterFacts, round, type AnalysisRunner } from './analysisRunner.js';

/** The lowest valid surface value among the seed cells (the water itself), or null when no seed cell has data. */
export function lowestSeedSurface(surface: RasterGrid, seeds: Uint8Array): number | null {
  let lowest = Infinity;
  for (let k = 0; k < seeds.length; k++) {
    const v = surface.values[k];
    if (seeds[k] && v !== surface.noData && Number.isFinite(v) && v < lowest) lowest = v;
  }
  return lowest === Infinity ? null : lowest;
}

export const riverFillRunner: AnalysisRunner<'riverFill'> = {
  async run(ctx, p) {
    const surface = await ctx.surface();
    const layers = await Promise.all(['water', 'waterways'].map((id) => ctx.city.groundLayer(id)));
    const water = layers.flatMap((l) => l ?? []).flatMap((f) => (f.geometry ? [f.geometry as WaterGeometry] : []));
    if (!water.length) return { problems: ['river fill: the city build has no water layers; skipped'] };
    // Seeds and the stream bed from the surface without proposals: both runs fill to the same level.
    const seeds = waterSeedMask(surface.before, water);
    const bed = lowestSeedSurface(surface.before, seeds);
    if (bed === null) return { problems: ['river fill: no water of the build lies on surface-model data in the area; skipped'] };
    const level = p.level ?? bed + (p.rise ?? 3);
    const r = fillConnected({ surface: surface.grid, level, seeds }, ctx.engineControl(0.05, 1));
    return {
      rasters: { depth: { values: r.depth, width: r.width, height: r.height, cellSize: r.cellSize, originX: r.originX, originY: r.originY, noData: r.noData } },
      facts: {
        level: round(level),
        bed: round(bed),
        seedCells: r.seedCells,
        seedsAboveLevel: r.seedsAboveLevel,
        filledCells: r.filledCells,
        areaM2: round(r.area),
        volumeM3: round(r.volume),
      },
    };
  },
  compare: (before, after) => ({
    figures: {
      level: before.facts.level,
      bed: before.facts.bed,
      seedCells: before.facts.seedCells,
      seedsAboveLevel: before.facts.seedsAboveLevel,
      ...beforeAfterFacts(before, after, ['filledCells', 'areaM2', 'volumeM3']),
    },
  }),
};
