// Footprint overlap on real footprints (official 2026 layer around Gangnam Station against the
// OSM Gangnam file): the index finds every box a brute-force scan finds, and the shared areas
// agree with polygon-clipping's full intersection, whichever path computed them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boxOverlapArea, FootprintIndex, LocalPlane, multiPolygonArea, sharedArea, type MetricFootprint } from '../../../tiles/model/footprintOverlap.js';
import { polygonClipping } from '../../../tiles/model/polygonClipping.js';
import { readBuildingSources } from '../../../tiles/model/readSources.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
let official: MetricFootprint[];
let osm: MetricFootprint[];

beforeAll(async () => {
  const log = { issue() {}, progress() {}, info() {} };
  const read = await readBuildingSources(
    DATA_DIR,
    [
      { path: 'buildings/gangnam_station_al_d010_2026_buildings.geojson', format: 'geojson' },
      { path: 'buildings/osm_citywide_2026-07/seoul_osm_buildings_11230_gangnam.geojson', format: 'geojson' },
    ],
    log,
  );
  const plane = new LocalPlane(127.03, 37.5);
  [official, osm] = read.sources.map((s) => s.buildings.map((b) => plane.footprint(b.polygons)));
});

describe('footprint overlap', () => {
  it('the index returns every footprint whose box touches the query box', () => {
    const index = new FootprintIndex(official.map((footprint, id) => ({ id, footprint })));
    let touching = 0;
    for (const q of osm.filter((_, i) => i % 7 === 0)) {
      const brute = official.flatMap((f, id) => (boxOverlapArea(q, f) > 0 ? [id] : []));
      const found = new Set(index.candidates(q));
      for (const id of brute) expect(found.has(id)).toBe(true);
      touching += brute.length;
    }
    expect(touching).toBeGreaterThan(500);
  });

  it('shared areas equal polygon-clipping intersections on the real candidate pairs', () => {
    const index = new FootprintIndex(official.map((footprint, id) => ({ id, footprint })));
    let pairs = 0;
    let worst = 0;
    for (const q of osm) {
      for (const id of index.candidates(q)) {
        const f = official[id];
        if (boxOverlapArea(q, f) === 0) continue;
        const reference = multiPolygonArea(polygonClipping.intersection(q.polygons, f.polygons));
        worst = Math.max(worst, Math.abs(sharedArea(q, f) - reference) / Math.min(q.area, f.area));
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(5000);
    expect(worst).toBeLessThan(1e-9);
  });

  it('measures footprint areas like the shoelace formula in metres', () => {
    const plane = new LocalPlane(127, 37.5);
    // A 0.0001° square at 37.5° N: 8.832 m east-west x 11.113 m north-south.
    const sq = plane.footprint([
      [
        [
          [127, 37.5],
          [127.0001, 37.5],
          [127.0001, 37.5001],
          [127, 37.5001],
        ],
      ],
    ]);
    expect(sq.area).toBeCloseTo(111_319.49 * Math.cos((37.5 * Math.PI) / 180) * 1e-4 * 111_132.95 * 1e-4, 6);
    expect(sharedArea(sq, sq)).toBeCloseTo(sq.area, 6);
  });
});
