import { describe, expect, it } from 'vitest';
import { isSelfIntersecting, repairFeature, ringAreaM2, signedArea } from '../../../tiles/model/repair.js';
import type { RawFeature, RawPolygon } from '../../../tiles/readers/types.js';

const feature = (...polygons: RawPolygon[]): RawFeature => ({
  file: 'fixture.geojson',
  sourceId: 'f1',
  idPrefix: 'geojson:fixture.geojson',
  polygons,
  attributes: { name: '', use: 'yes', height: null, floors: null, minHeight: null, heightBasis: null, area: null },
});

// A 10 m x ~10 m square near City Hall (1e-4 degrees).
const X = 126.978,
  Y = 37.566,
  D = 1e-4;
const square = (cw = false) => {
  const ring = [
    [X, Y],
    [X + D, Y],
    [X + D, Y + D],
    [X, Y + D],
    [X, Y],
  ];
  return cw ? ring.reverse() : ring;
};

describe('footprint repair', () => {
  it('passes a clean closed CCW square unchanged except for the closing point', () => {
    const r = repairFeature(feature([square()]));
    expect(r.issues).toEqual([]);
    expect(r.repaired).toBe(false);
    expect(r.polygons).toEqual([[square().slice(0, 4)]]);
  });

  it('removes duplicate consecutive points', () => {
    const ring = square();
    ring.splice(2, 0, [...ring[1]], [...ring[1]]);
    const r = repairFeature(feature([ring]));
    expect(r.polygons[0][0]).toHaveLength(4);
    expect(r.repaired).toBe(true);
    expect(r.issues).toEqual([
      { file: 'fixture.geojson', featureId: 'f1', problem: 'outer ring: 2 duplicate consecutive point(s) removed', action: 'repaired' },
    ]);
  });

  it('closes an unclosed ring and reports it', () => {
    const r = repairFeature(feature([square().slice(0, 4)]));
    expect(r.polygons[0][0]).toHaveLength(4);
    expect(r.issues[0]).toMatchObject({ action: 'repaired', problem: 'outer ring: ring was not closed (closed it)' });
  });

  it('splits a bowtie into two triangles of the same total area', () => {
    const bowtie = [
      [X, Y],
      [X + D, Y + D],
      [X + D, Y],
      [X, Y + D],
      [X, Y],
    ];
    expect(isSelfIntersecting(bowtie.slice(0, 4))).toBe(true);
    const r = repairFeature(feature([bowtie]));
    expect(r.polygons).toHaveLength(2);
    for (const p of r.polygons) {
      expect(isSelfIntersecting(p[0])).toBe(false);
      expect(signedArea(p[0])).toBeGreaterThan(0);
    }
    const total = r.polygons.reduce((s, p) => s + ringAreaM2(p[0]), 0);
    expect(total).toBeCloseTo(ringAreaM2(square()) / 2, 1);
    expect(r.issues[0]).toMatchObject({ action: 'repaired', problem: 'self-intersecting ring split into 2 simple polygon(s)' });
  });

  it('orients outer rings counter-clockwise and holes clockwise', () => {
    const hole = [
      [X + D / 4, Y + D / 4],
      [X + D / 2, Y + D / 4],
      [X + D / 2, Y + D / 2],
      [X + D / 4, Y + D / 2],
      [X + D / 4, Y + D / 4],
    ]; // CCW: wrong for a hole
    const r = repairFeature(feature([square(true), hole]));
    expect(r.issues).toEqual([]);
    expect(signedArea(r.polygons[0][0])).toBeGreaterThan(0);
    expect(signedArea(r.polygons[0][1])).toBeLessThan(0);
  });

  it('skips rings with fewer than 3 distinct points', () => {
    const r = repairFeature(
      feature([
        [
          [X, Y],
          [X + D, Y],
          [X, Y],
          [X + D, Y],
        ],
      ]),
    );
    expect(r.polygons).toEqual([]);
    expect(r.issues.at(-1)).toMatchObject({ action: 'skipped', problem: 'outer ring: ring has 2 distinct point(s), 3 needed' });
  });

  it('skips rings with NaN or out-of-range coordinates, and zero-area rings', () => {
    const nan = repairFeature(
      feature([
        [
          [X, Y],
          [NaN, Y],
          [X + D, Y + D],
          [X, Y],
        ],
      ]),
    );
    expect(nan.polygons).toEqual([]);
    expect(nan.issues[0]).toMatchObject({ action: 'skipped', problem: 'outer ring: ring has a non-numeric (NaN) coordinate' });
    const projected = repairFeature(
      feature([
        [
          [198000, 551000],
          [198010, 551000],
          [198010, 551010],
          [198000, 551000],
        ],
      ]),
    );
    expect(projected.issues[0].problem).toMatch(/out of range .*wrong CRS/);
    const flat = repairFeature(
      feature([
        [
          [X, Y],
          [X + D, Y],
          [X + 2 * D, Y],
          [X, Y],
        ],
      ]),
    );
    expect(flat.issues[0]).toMatchObject({ action: 'skipped', problem: 'outer ring: ring has zero area (collinear points)' });
  });

  it('keeps the good parts of a multipolygon and drops a broken hole with a line each', () => {
    const badHole = [
      [X + D / 4, Y + D / 4],
      [NaN, NaN],
      [X + D / 2, Y + D / 2],
    ];
    const far = square().map(([x, y]) => [x + 10 * D, y]);
    const r = repairFeature(feature([square(), badHole], [[[X, Y]]], [far]));
    expect(r.polygons).toHaveLength(2);
    expect(r.polygons[0]).toHaveLength(1);
    expect(r.repaired).toBe(true);
    expect(r.issues.map((i) => i.action)).toEqual(['repaired', 'skipped']);
    expect(r.issues[0].problem).toMatch(/^polygon 1: hole 1: .*NaN.*hole dropped/);
  });

  it('keeps a hole inside, drops one outside and leaves nothing when a "hole" encloses the whole outer ring', () => {
    const inner = [
      [X + D / 4, Y + D / 4],
      [X + D / 4, Y + (3 * D) / 4],
      [X + (3 * D) / 4, Y + (3 * D) / 4],
      [X + (3 * D) / 4, Y + D / 4],
      [X + D / 4, Y + D / 4],
    ];
    const inside = repairFeature(feature([square(), inner]));
    expect(inside.issues).toEqual([]);
    expect(inside.polygons[0]).toHaveLength(2);
    const outside = repairFeature(feature([square(), inner.map(([x, y]) => [x + 100 * D, y])]));
    expect(outside.polygons).toEqual([[square().slice(0, 4)]]);
    expect(outside.issues).toEqual([
      { file: 'fixture.geojson', featureId: 'f1', problem: 'hole 1 lies outside the outer ring; hole dropped, outer ring kept', action: 'repaired' },
    ]);
    const enclosing = square().map(([x, y]) => [X + (x - X) * 3 - D, Y + (y - Y) * 3 - D]);
    const none = repairFeature(feature([square(), enclosing]));
    expect(none.polygons).toEqual([]);
    expect(none.issues).toEqual([{ file: 'fixture.geojson', featureId: 'f1', problem: '1 hole(s) cross the outer ring and leave no area', action: 'skipped' }]);
  });
});
