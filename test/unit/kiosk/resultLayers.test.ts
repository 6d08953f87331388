// The precomputed result layers' definitions (renderer/src/analysis/resultSpecs.ts) and the tour
// file that shows them: the river's reference surface (the riverFill the flood result runs), the day the sunlight is computed for
// (checked against published solstice instants), and every tour stop showing a result looks at
// that result's area, names it, and says in both languages what it shows.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cameraGroundHit } from '../../support/cameraGroundHit.js';
import type { TourFile } from '../../../common/tourFormat.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import {
  FLOOD_RESULT,
  FLOOD_RESULT_LAYER_ID,
  insideArea,
  SUN_RESULT,
  SUN_RESULT_LAYER_ID,
  sunResultDate,
  sunResultMaxHours,
} from '../../../renderer/src/analysis/resultSpecs.js';
import { lowestSeedSurface } from '../../../workers/analyses/riverFillRunner.js';

const tour = JSON.parse(readFileSync('scenarios/tours/seoul.tour.json', 'utf8')) as TourFile;

function grid(values: number[], width: number): RasterGrid {
  return { values: Float32Array.from(values), width, height: values.length / width, cellSize: 1, originX: 0, originY: 0, noData: -9999 };
}

describe('lowestSeedSurface', () => {
  it('takes the lowest surface among the seed cells only, skipping no-data and NaN', () => {
    const g = grid([5, -9999, 12, NaN, 7.5, 3, 9, 8], 4);
    const seeds = Uint8Array.from([0, 1, 1, 1, 1, 0, 1, 0]);
    // Non-seed cell 3 m and 5 m are lower but not water; -9999 and NaN are not heights.
    expect(lowestSeedSurface(g, seeds)).toBe(7.5);
  });

  it('is null when no seed cell has data', () => {
    const g = grid([5, -9999, NaN, 7], 2);
    expect(lowestSeedSurface(g, Uint8Array.from([0, 1, 1, 0]))).toBeNull();
    expect(lowestSeedSurface(g, new Uint8Array(4))).toBeNull();
  });
});

describe('sun result day', () => {
  // December solstices, UT (USNO): 2026-12-21 20:50, 2027-12-22 02:42, 2028-12-21 08:19.
  // In KST (UT+9): 22, 22 and 21 December.
  it('is the winter solstice of the current year in Seoul', () => {
    expect(sunResultDate(new Date('2026-03-01T00:00:00Z'))).toBe('2026-12-22');
    expect(sunResultDate(new Date('2027-07-01T00:00:00Z'))).toBe('2027-12-22');
    expect(sunResultDate(new Date('2028-12-30T00:00:00Z'))).toBe('2028-12-21');
  });

  it("follows Seoul's calendar at the turn of the year", () => {
    expect(sunResultDate(new Date('2027-12-31T14:59:00Z'))).toBe('2027-12-22'); // 23:59 KST
    expect(sunResultDate(new Date('2027-12-31T15:00:00Z'))).toBe('2028-12-21'); // 00:00 KST, 1 January
  });

  it('covers the 08:00-16:00 window of the right-to-light rule in whole steps', () => {
    expect([SUN_RESULT.startMinute, SUN_RESULT.endMinute]).toEqual([8 * 60, 16 * 60]);
    expect((SUN_RESULT.endMinute - SUN_RESULT.startMinute) % SUN_RESULT.stepMinutes).toBe(0);
    expect(sunResultMaxHours()).toBe(8);
  });
});

describe('insideArea', () => {
  const area = { west: 127, south: 37.5, east: 127.01, north: 37.51 }; // ~883 m x 1106 m
  it('tells inside from outside, with an inset from the edges', () => {
    expect(insideArea(area, { lon: 127.005, lat: 37.505 })).toBe(true);
    expect(insideArea(area, { lon: 127.005, lat: 37.505 }, 400)).toBe(true);
    expect(insideArea(area, { lon: 127.005, lat: 37.505 }, 450)).toBe(false); // 441 m from west and east
    expect(insideArea(area, { lon: 126.999, lat: 37.505 })).toBe(false);
    expect(insideArea(area, { lon: 127.005, lat: 37.5101 })).toBe(false);
  });
});

describe('the Seoul tour shows the results', () => {
  const results = [
    {
      id: SUN_RESULT_LAYER_ID,
      area: SUN_RESULT.area,
      button: 'sunlight',
      ko: ['동지', '08–16시'],
      en: ['winter solstice', '08:00–16:00', 'hours of direct sun'],
    },
    {
      id: FLOOD_RESULT_LAYER_ID,
      area: FLOOD_RESULT.area,
      button: 'flood',
      ko: ['홍제천', `+${FLOOD_RESULT.riseM} m`],
      en: ['Hongjecheon', `+${FLOOD_RESULT.riseM} m`],
    },
  ];

  for (const r of results) {
    it(`${r.id}: a stop needs it, looks at its area and says what it shows; the ${r.button} button toggles it`, () => {
      const stops = tour.stops.filter((s) => s.layers.includes(r.id));
      expect(stops.length).toBeGreaterThan(0);
      for (const stop of stops) {
        expect(stop.requires, `${stop.id} is skipped while ${r.id} is not ready`).toContain(r.id);
        for (const word of r.ko) expect(stop.caption.ko).toContain(word);
        for (const word of r.en) expect(stop.caption.en).toContain(word);
        // Where the view ray from the camera meets the ground (ellipsoidal ground ≈ 30-80 m here).
        const { camera } = stop;
        for (const ground of [30, 80]) {
          const hit = cameraGroundHit(camera, ground);
          expect(insideArea(r.area, hit, 150), `${stop.id}: the camera looks into ${r.id}'s area (ground ${ground} m)`).toBe(true);
        }
      }
      const button = tour.buttons.find((b) => b.id === r.button);
      expect(button?.layers).toEqual([r.id]);
    });
  }

  it('the sunlight button plays the sun sweep only as a fallback', () => {
    expect(tour.buttons.find((b) => b.id === 'sunlight')?.fallback).toBe('sun-sweep');
    expect(tour.buttons.find((b) => b.id === 'flood')?.fallback).toBeUndefined();
  });
});
