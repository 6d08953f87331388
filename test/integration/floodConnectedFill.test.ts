// The river connected fill against GRASS r.lake (Debian grass-core), cell by cell, on the real
// city build's surface models, seeded from the build's own water layers (Han tributaries,
// Cheonggyecheon, Hongjecheon), at two levels (Hongjecheon) and one (Cheonggyecheon). r.lake does not check a seed map's
// elevations, so it gets the seeds below the level (those the fill starts from).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillConnected, waterSeedMask, FILL_NODATA } from '../../workers/flood/connectedFill.js';
import { buildTestCity, type TestCity } from '../support/testCity.js';
import { runRLake } from '../support/grassLake.js';

let city: TestCity;
beforeAll(async () => {
  city = await buildTestCity('flood');
});
afterAll(() => city?.remove());

describe('connected fill vs GRASS r.lake', () => {
  for (const [area, rises] of [
    ['hongjecheon', [3, 10]],
    ['cheonggyecheon', [10]],
  ] as const) {
    it(`${area}: same lake cell by cell`, () => {
      const dsm = city.dsm(area);
      const seeds = waterSeedMask(dsm, city.water());
      let low = Infinity;
      let seedCount = 0;
      for (let k = 0; k < seeds.length; k++)
        if (seeds[k]) {
          seedCount++;
          if (dsm.values[k] < low) low = dsm.values[k];
        }
      expect(seedCount).toBeGreaterThan(1000); // the water layers do reach this area
      for (const rise of rises) {
        const level = low + rise;
        const ours = fillConnected({ surface: dsm, level, seeds });
        const below = seeds.map((s, k) => (s && dsm.values[k] < Math.fround(level) ? 1 : 0));
        const lake = runRLake(dsm, below, level);
        let mismatched = 0;
        let maxDiff = 0;
        for (let k = 0; k < seeds.length; k++) {
          const a = ours.depth[k] !== FILL_NODATA;
          const b = lake.depth[k] !== -9999;
          if (a !== b) mismatched++;
          else if (a) maxDiff = Math.max(maxDiff, Math.abs(ours.depth[k] - lake.depth[k]));
        }
        expect(ours.filledCells).toBeGreaterThan(1000);
        expect(mismatched).toBe(0);
        expect(maxDiff).toBeLessThan(1e-5); // both float32 level - float32 surface
        // A connected fill, not a plane: some cells below the level stay dry.
        let lowDry = 0;
        for (let k = 0; k < seeds.length; k++) if (dsm.values[k] < level && ours.depth[k] === FILL_NODATA) lowDry++;
        if (rise === 10) expect(lowDry).toBeGreaterThan(0);
      }
    });
  }
});
