// Fire coverage at city scale: nearest-hydrant footprint distances for 600,000 buildings against
// all 62,732 real hydrants (goal < 2 s). The 600,000 buildings are the 1,358 real OSM footprints
// TILED across the hydrant area (shifted copies) — a scale test, not Seoul's real building stock.
import { computeCoverage } from '../../workers/fire/coverage.js';
import { rankHazard, useRisk } from '../../workers/fire/hazard.js';
import { aggregateGrid } from '../../workers/fire/aggregate.js';
import { realBuildings, realHydrants, tiledBuildings } from '../support/fireData.js';
import type { Bench, Figure } from './figures.js';

const TARGET = 600_000;

export const fireBench: Bench = {
  name: 'fire',
  description: `nearest-hydrant distance for ${TARGET.toLocaleString('en-US')} buildings (real OSM footprints tiled) vs all real hydrants; hazard ranking; grid aggregation`,
  async run(): Promise<Figure[]> {
    const hydrants = realHydrants();
    const base = realBuildings();
    const city = tiledBuildings(base, TARGET);
    const n = city.footprints.offsets.length - 1;
    const size = `${n} buildings (tiled real footprints) x ${hydrants.length / 2} hydrants`;
    computeCoverage({ hydrants, buildings: tiledBuildings(base, 20_000).footprints, zones: city.zones.slice(0, 20_000) }); // warm-up (JIT)
    const t0 = performance.now();
    const coverage = computeCoverage({ hydrants, buildings: city.footprints, zones: city.zones });
    const coverageS = (performance.now() - t0) / 1000;
    console.log(`coverage: ${coverageS.toFixed(3)} s, ${coverage.coveredCount} covered, ${coverage.gapCount} gaps`);

    const risk = new Float32Array(n);
    const heights = new Float32Array(n);
    const floors = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const j = i % base.uses.length;
      risk[i] = useRisk(base.uses[j]);
      heights[i] = base.heights[j];
      floors[i] = base.floors[j];
    }
    const t1 = performance.now();
    rankHazard({ buildings: city.footprints, height: heights, floors, useRisk: risk, hydrantDistance: coverage.distance, limit: coverage.limit });
    const hazardS = (performance.now() - t1) / 1000;

    const t2 = performance.now();
    const agg = aggregateGrid({ points: hydrants, cellDegrees: 0.01 });
    const aggregateMs = performance.now() - t2;
    return [
      { bench: 'fire', metric: 'nearest-hydrant coverage time', value: coverageS, unit: 's', size },
      { bench: 'fire', metric: 'buildings per second', value: n / coverageS, unit: '1/s', size },
      { bench: 'fire', metric: 'hazard ranking time', value: hazardS, unit: 's', size: `${n} buildings (tiled real footprints)` },
      {
        bench: 'fire',
        metric: 'grid aggregation of all hydrants (0.01 deg cells)',
        value: aggregateMs,
        unit: 'ms',
        size: `${hydrants.length / 2} points -> ${agg.count.length} cells`,
      },
    ];
  },
};
