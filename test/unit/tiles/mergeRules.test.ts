// The rules of merging on their own: source ranking and what a winner takes from the others.
// (Merging the real files, checked against GDAL, is test/integration/sourceMerge.test.ts.)
import { describe, expect, it } from 'vitest';
import { fillAttributes } from '../../../tiles/model/fillAttributes.js';
import { rankSources } from '../../../tiles/model/mergeSources.js';
import type { ReadSource } from '../../../tiles/model/readSources.js';
import { attrs } from '../../support/sourceAttributes.js';

const source = (label: string, priority?: number, date?: string): ReadSource => ({
  config: { path: `${label}.geojson`, format: 'geojson', priority, date },
  label,
  buildings: [],
});

describe('source ranking', () => {
  it('orders by priority, then newer date (undated last), then config order', () => {
    const ranked = rankSources([
      source('osm', 10, '2026-07-11'),
      source('named', 10, '2026-09'),
      source('plain'),
      source('official', 40, '2021'),
      source('plain2'),
    ]);
    expect(ranked.map((s) => s.label)).toEqual(['official', 'named', 'osm', 'plain', 'plain2']);
  });
});

describe('filling a winner from the other sources', () => {
  it('keeps every value the winner has and fills only what it lacks, best source first', () => {
    const winner = attrs({ use: 'yes', height: 96.32, floors: 22 });
    const others = [attrs({ name: 'name A', use: '업무시설 (14000)', height: 96.3, floors: 22, basementFloors: 6 }), attrs({ name: 'name B', use: 'office' })];
    const fill = fillAttributes(winner, others);
    expect(fill.attributes).toMatchObject({ name: 'name A', use: '업무시설 (14000)', height: 96.32, floors: 22, basementFloors: 6 });
    expect(fill.heightFrom).toBeNull();
    expect([...fill.filled]).toEqual([[0, ['name', 'use', 'basement floors']]]);
  });

  it('takes a recorded height (with its floors and basis) rather than leave a default by use', () => {
    const fill = fillAttributes(attrs({ use: 'yes' }), [attrs({ use: 'yes' }), attrs({ height: 24, floors: 7, heightBasis: 'osm_height_tag' })]);
    expect(fill.attributes).toMatchObject({ height: 24, floors: 7, heightBasis: 'osm_height_tag' });
    expect(fill.heightFrom).toBe(1);
    expect(fill.filled.get(1)).toEqual(['height', 'floors']);
  });

  it('a winner with floors but no height keeps its own (floors x 3.3 m is recorded, not a default)', () => {
    const fill = fillAttributes(attrs({ floors: 5 }), [attrs({ height: 40 })]);
    expect(fill.attributes).toMatchObject({ floors: 5, height: null });
    expect(fill.heightFrom).toBeNull();
  });

  it('treats building=yes, 0 floors and 0 floors below ground as not recorded', () => {
    const fill = fillAttributes(attrs({ use: 'yes', floors: 0, height: 12, basementFloors: 0 }), [attrs({ use: 'apartments', floors: 4, basementFloors: 1 })]);
    expect(fill.attributes).toMatchObject({ use: 'apartments', floors: 4, basementFloors: 1, height: 12 });
    const none = fillAttributes(attrs({ use: 'house', floors: 2 }), [attrs({ use: 'yes', basementFloors: 0 })]);
    expect(none.filled.size).toBe(0);
  });
});
