// The tileset's spatial tree on a labelled fixture: a made-up grid of box buildings of varied size.
import { describe, expect, it } from 'vitest';
import type { CityBuilding } from '../../../tiles/model/cityModel.js';
import { buildTileTree, toTreeItem, walkTree, type TileNode } from '../../../tiles/tileset/buildTileTree.js';
import { multiply, rigidInverse } from '../../../tiles/tileset/writeTileset.js';
import { EnuFrame, geodeticToEcef } from '../../../tiles/geometry/wgs84.js';

function fixtureBuilding(i: number): CityBuilding {
  const lon = 126.97 + (i % 60) * 0.0004,
    lat = 37.56 + Math.floor(i / 60) * 0.0003;
  const s = 0.00005 + ((i * 7) % 13) * 0.00001;
  return {
    id: `fixture:${i}`,
    sourceId: String(i),
    source: 'fixture',
    name: '',
    use: 'yes',
    floors: 0,
    height: 5 + ((i * 31) % 97),
    minHeight: 0,
    heightSource: 'default-by-use',
    heightNote: 'fixture',
    baseElevation: 40 + (i % 11),
    polygons: [
      [
        [
          [lon, lat],
          [lon + s, lat],
          [lon + s, lat + s],
          [lon, lat + s],
        ],
      ],
    ],
  };
}

describe('buildTileTree', () => {
  const items = Array.from({ length: 3000 }, (_, i) => toTreeItem(fixtureBuilding(i))!);
  const opts = { maxLeafBuildings: 300, innerTileBuildings: 100 };
  const root = buildTileTree(items, opts);
  const nodes = [...walkTree(root)];

  it('places every building in exactly one tile, within the size limits', () => {
    const ids = nodes.flatMap((n) => n.items.map((i) => i.building.id));
    expect(ids.length).toBe(3000);
    expect(new Set(ids).size).toBe(3000);
    for (const n of nodes) {
      if (n.children.length) expect(n.items.length).toBeLessThanOrEqual(opts.innerTileBuildings);
      else expect(n.items.length).toBeLessThanOrEqual(opts.maxLeafBuildings);
      expect(n.children.length).toBeLessThanOrEqual(4);
    }
    expect(nodes.length).toBeGreaterThan(5);
  });

  it('keeps the most significant buildings in the upper tiles (additive refinement)', () => {
    const below = (n: TileNode): number[] => n.children.flatMap((c) => [...walkTree(c)].flatMap((d) => d.items.map((i) => i.significance)));
    for (const n of nodes) {
      if (!n.children.length) continue;
      const own = Math.min(...n.items.map((i) => i.significance));
      expect(own).toBeGreaterThanOrEqual(Math.max(...below(n)));
    }
  });

  it('has strictly decreasing geometric errors and regions that contain their children', () => {
    for (const n of nodes) {
      for (const c of n.children) {
        expect(c.geometricError).toBeLessThan(n.geometricError);
        expect(c.region[0]).toBeGreaterThanOrEqual(n.region[0]);
        expect(c.region[1]).toBeGreaterThanOrEqual(n.region[1]);
        expect(c.region[2]).toBeLessThanOrEqual(n.region[2]);
        expect(c.region[3]).toBeLessThanOrEqual(n.region[3]);
        expect(c.region[4]).toBeGreaterThanOrEqual(n.region[4]);
        expect(c.region[5]).toBeLessThanOrEqual(n.region[5]);
      }
      if (!n.children.length) expect(n.geometricError).toBe(0);
      // The error is the size of the largest building left to the descendants (or less, if forced down).
      if (n.children.length) {
        const lost = Math.max(...n.children.flatMap((c) => [...walkTree(c)].flatMap((d) => d.items.map((i) => i.size))));
        expect(n.geometricError).toBeLessThanOrEqual(lost + 1e-9);
      }
    }
  });
});

describe('ENU frames and tile transforms', () => {
  it('maps ENU offsets to the right ECEF points and composes relative transforms', () => {
    const parent = new EnuFrame(126.97, 37.56, 30);
    const child = new EnuFrame(126.99, 37.58, 45);
    const rel = multiply(rigidInverse(parent.transform()), child.transform());
    const world = multiply(parent.transform(), rel);
    const direct = child.transform();
    for (let i = 0; i < 16; i++) expect(world[i]).toBeCloseTo(direct[i], 6);
    // A point 100 m up from the child's origin is 100 m further from the earth's centre-ish, along "up".
    const p = geodeticToEcef(126.99, 37.58, 145);
    const m = direct;
    const q = [m[12] + 100 * m[8], m[13] + 100 * m[9], m[14] + 100 * m[10]];
    expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeLessThan(1e-6);
    const enu = [0, 0, 0];
    child.toEnu(126.99, 37.58, 145, enu);
    expect(enu[0]).toBeCloseTo(0, 6);
    expect(enu[1]).toBeCloseTo(0, 6);
    expect(enu[2]).toBeCloseTo(100, 6);
  });
});
