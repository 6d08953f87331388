// Wind over the area (declaration: common/analyses/wind.ts): the lattice covers the area, the
// surface window around it (proposals burnt in for 'after') gives the buildings.
import { gridStats } from '../grid/cropGrid.js';
import { simulateWind } from '../wind/windEngine.js';
import { beforeAfterFacts, round, type AnalysisRunner } from './analysisRunner.js';

export const windRunner: AnalysisRunner<'wind'> = {
  async run(ctx, p) {
    const surface = await ctx.surface();
    const r = await simulateWind(
      {
        dsm: surface.grid,
        area: surface.bounds,
        directionDeg: p.directionDeg ?? 270,
        speed: p.speed ?? 5,
        cellSize: p.cellSize ?? 8,
        height: p.height ?? 120,
        corridorThreshold: p.corridorThreshold ?? 0.4,
        maxSteps: p.maxSteps,
      },
      ctx.engineControl(0.05, 1),
    );
    const like = (values: Float32Array) => ({ ...r.ratio, values });
    return {
      rasters: {
        ratio: r.ratio,
        corridors: like(Float32Array.from(r.corridorLabel, (l) => (l > 0 ? 1 : r.ratio.noData))),
        east: like(r.east),
        north: like(r.north),
      },
      series: { residuals: { x: Array.from(r.residualSteps), y: Array.from(r.residuals) } },
      tables: { corridorList: { rows: r.corridors.map((c) => ({ id: c.id, sides: c.sides.join(' '), cells: c.cells, meanRatio: round(c.meanRatio) })) } },
      facts: {
        lattice: `${r.lattice.nx} x ${r.lattice.ny} x ${r.lattice.nz} cells of ${r.lattice.cellSize} m`,
        nx: r.lattice.nx,
        ny: r.lattice.ny,
        nz: r.lattice.nz,
        steps: r.steps,
        steadiness: r.steadiness,
        meanRatio: round(gridStats(r.ratio).mean),
        corridors: r.corridors.length,
        lastResidual: r.residuals.at(-1) ?? NaN,
        mlups: round(r.mlups, 2),
      },
      problems: r.warnings.map((w) => `wind: ${w}`),
    };
  },
  compare: (before, after) => ({
    figures: { lattice: before.facts.lattice, ...beforeAfterFacts(before, after, ['steps', 'steadiness', 'meanRatio', 'corridors']) },
  }),
};
