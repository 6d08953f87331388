// Ground-layer GeoJSON reading in the renderer: what is drawn, and what is reported (never
// silently dropped). Fixtures are hand-made here.
import { describe, expect, it } from 'vitest';
import { boxesIntersect, featureBox, labelPoint, readFeatureCollection } from '../../../renderer/src/geojson.js';

const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

describe('readFeatureCollection', () => {
  it('reads polygons with holes, multipolygons and lines', () => {
    const { features, problems } = readFeatureCollection(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'a', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10), square(2, 2, 1)] } },
          { type: 'Feature', properties: { id: 'b' }, geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 1)], [square(30, 0, 1)]] } },
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [0, 0],
                [1, 1],
                [1, 1],
                [2, 0],
              ],
            },
          },
        ],
      },
      'fixture.geojson',
    );
    expect(problems).toEqual([]);
    expect(features.map((f) => f.id)).toEqual(['a', 'b', '#2']);
    expect(features[0].polygons[0].holes).toHaveLength(1);
    expect(features[1].polygons).toHaveLength(2);
    // Repeated positions are dropped.
    expect(features[2].lines[0]).toEqual([
      [0, 0],
      [1, 1],
      [2, 0],
    ]);
  });

  it('reports every feature or part it cannot draw, with file and feature id', () => {
    const { features, problems } = readFeatureCollection(
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', id: 'no-geom', properties: {}, geometry: null },
          {
            type: 'Feature',
            id: 'two-points',
            properties: {},
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [0, 0],
                  [1, 1],
                  [0, 0],
                ],
              ],
            },
          },
          {
            type: 'Feature',
            id: 'nan',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [0, 0],
                [Number.NaN, 1],
              ],
            },
          },
          { type: 'Feature', id: 'point', properties: {}, geometry: { type: 'Point', coordinates: [0, 0] } },
          { type: 'Feature', id: 'half', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [[[5, 5]]]] } },
        ],
      },
      'broken.geojson',
    );
    expect(features.map((f) => f.id)).toEqual(['half']);
    expect(problems).toHaveLength(5);
    for (const [i, id] of ['no-geom', 'two-points', 'nan', 'point', 'half'].entries()) {
      expect(problems[i]).toContain('broken.geojson');
      expect(problems[i]).toContain(id);
    }
  });

  it('says so when the file is not a FeatureCollection', () => {
    expect(readFeatureCollection({ type: 'Topology' }, 'x.json').problems).toEqual(['x.json: not a GeoJSON FeatureCollection']);
  });
});

describe('labelPoint and boxes', () => {
  it('puts the label at the area centroid of the largest polygon', () => {
    const { features } = readFeatureCollection(
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(10, 10, 4)]] } }],
      },
      'f',
    );
    expect(labelPoint(features[0])).toEqual([12, 12]);
    expect(featureBox(features[0])).toEqual([0, 0, 14, 14]);
    expect(boxesIntersect([0, 0, 1, 1], [1, 1, 2, 2])).toBe(true);
    expect(boxesIntersect([0, 0, 1, 1], [1.5, 0, 2, 1])).toBe(false);
  });
});
