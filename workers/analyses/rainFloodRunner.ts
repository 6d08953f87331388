// Rainfall flooding (declaration: common/analyses/rainFlood.ts) of the area itself (water from
// outside it is not modelled: the edges are open), buildings as walls, proposals burnt in and
// their outlines as walls in the 'after' run.
import type { GridFrame, RasterGrid } from '../../common/rasterGrid.js';
import type { Row } from '../../common/tableFormats.js';
import { constantRain, type Rainfall } from '../flood/hyetograph.js';
import { simulateRainFlood, type RainFloodResult } from '../flood/rainFlood.js';
import { beforeAfterFacts, ringPolygon, round, type AnalysisRunner } from './analysisRunner.js';

function frameOf(r: RainFloodResult): GridFrame {
  return { width: r.width, height: r.height, cellSize: r.cellSize, originX: r.originX, originY: r.originY, noData: r.noData };
}

function frameGrid(r: RainFloodResult, values: Float32Array): RasterGrid {
  return { ...frameOf(r), values };
}

export const rainFloodRunner: AnalysisRunner<'rainFlood'> = {
  async run(ctx, p) {
    const surface = await ctx.surface();
    const footprints = await ctx.city.footprints();
    const coarsen = (p.cellSize ?? 2) / surface.grid.cellSize;
    if (!Number.isInteger(coarsen) || coarsen < 1)
      throw new Error(`rain flood: a ${p.cellSize} m cell is not a whole multiple of the surface model's ${surface.grid.cellSize} m cells`);
    const rain: Rainfall = p.hourlyRain ? { ratesMmPerHour: p.hourlyRain, stepSeconds: 3600 } : constantRain(p.rainMmPerHour ?? 100, (p.rainHours ?? 1) * 3600);
    const r = simulateRainFlood(
      {
        surface: surface.grid,
        buildings: footprints ?? undefined,
        wallRings: ctx.after ? surface.prisms.map((w) => w.ring) : undefined,
        rain,
        drainageMmPerHour: p.drainageMmPerHour ?? 95,
        durationSeconds: (p.simulateHours ?? 1.5) * 3600,
        coarsen,
        snapshotIntervalSeconds: (p.snapshotMinutes ?? 5) * 60,
      },
      ctx.engineControl(0.05, 1),
    );
    const arrival = Float32Array.from(r.arrivalSeconds, (a) => (a === r.noData ? r.noData : a / 60));
    const rows: Row[] = r.buildings.map((b) => ({
      id: b.id,
      name: b.name,
      use: b.use,
      floors: b.floors,
      max_depth_m: b.maxDepth,
      arrival_min: b.arrivalSeconds < 0 ? null : Math.round(b.arrivalSeconds / 60),
      semi_basement: b.semiBasement,
    }));
    const b = r.budget;
    return {
      rasters: { maxDepth: frameGrid(r, r.maxDepth), arrival: frameGrid(r, arrival) },
      rasterSeries: { depthOverTime: { frame: frameOf(r), times: r.snapshotTimes, values: r.snapshots } },
      tables: {
        floodedBuildings: {
          rows,
          features: footprints ? r.buildings.map((x) => ({ geometry: ringPolygon(footprints.offsets, footprints.lonLat, x.index) })) : undefined,
        },
      },
      facts: {
        cellSize: r.cellSize,
        initialM3: b.initial,
        rainInM3: b.rainIn,
        drainedM3: b.drained,
        outflowM3: b.outflow,
        storedM3: b.stored,
        relativeMassError: b.relativeError,
        floodedBuildings: r.buildings.length,
        floodThresholdM: r.floodThresholdM,
        semiBasement: r.buildings.filter((x) => x.semiBasement === 'assumed').length,
        steps: r.steps,
      },
    };
  },
  compare(before, after) {
    const figures = beforeAfterFacts(before, after, [
      'rainInM3',
      'drainedM3',
      'outflowM3',
      'storedM3',
      'relativeMassError',
      'floodedBuildings',
      'semiBasement',
    ]);
    for (const k of Object.keys(figures)) if (typeof figures[k] === 'number' && !/Error/.test(k)) figures[k] = round(figures[k]);
    return { figures: { cellSize: before.facts.cellSize, ...figures } };
  },
};
