// The scenario being edited (renderer/src/planning/planningStore.ts) and the map's edits of a
// proposal (proposalEdits.ts), with the example scenario scenarios/cityHallTower.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BoxProposal, PolygonProposal, Scenario } from '../../../common/scenario/scenarioFormat.js';
import { toXY } from '../../../workers/planning/proposalGeometry.js';
import { moved, rotated } from '../../../renderer/src/planning/proposalEdits.js';
import { PlanningStore } from '../../../renderer/src/planning/planningStore.js';

const example = JSON.parse(readFileSync('scenarios/cityHallTower.json', 'utf8')) as Scenario;
const tower = example.proposals[0] as BoxProposal;
const AREA = { west: 126.97, south: 37.56, east: 126.99, north: 37.57 };

describe('PlanningStore', () => {
  it('adds and selects, updates, removes (with the model files of a glTF), and tells listeners each time', () => {
    const store = new PlanningStore();
    let changes = 0;
    const off = store.onChange(() => changes++);
    store.add(tower);
    expect(store.selected).toEqual(tower);
    store.update(tower.id, { floors: 12 });
    expect((store.selected as BoxProposal).floors).toBe(12);
    expect(tower.floors).toBe(40); // the original is not changed
    store.update('nope', { floors: 3 });
    store.add({ kind: 'gltf', id: 'model-1', uri: 'hall.glb', position: [126.978, 37.566], rotation: 0, scale: 1 });
    store.modelUrls.set('model-1', 'blob:model');
    store.modelBounds.set('model-1', { min: [-5, -5, 0], max: [5, 5, 20] });
    store.remove('model-1');
    expect([store.selectedId, store.modelUrls.size, store.modelBounds.size]).toEqual([null, 0, 0]);
    store.select(tower.id);
    store.select(tower.id); // no change, no call
    expect(changes).toBe(5);
    off();
    store.remove(tower.id);
    expect(changes).toBe(5);
    expect(store.listenerCount).toBe(0);
  });

  it('new ids never collide with loaded ones', () => {
    const store = new PlanningStore();
    store.load({
      ...example,
      proposals: [
        { ...tower, id: 'box-1' },
        { ...tower, id: 'box-2' },
      ],
    });
    expect(store.newId('box')).toBe('box-3');
    expect(store.newId('polygon')).toBe('polygon-4');
  });

  it('load replaces everything and toScenario gives it back (the fallback area only when it has none)', () => {
    const store = new PlanningStore();
    store.add({ ...tower, id: 'old' });
    store.modelUrls.set('old', 'blob:x');
    store.load(example);
    expect([store.selectedId, store.modelUrls.size]).toEqual([null, 0]);
    expect(store.toScenario(AREA)).toEqual(example);
    const fresh = new PlanningStore();
    expect(fresh.toScenario(AREA)).toEqual({ name: 'Untitled scenario', area: AREA, proposals: [], analyses: [] });
  });
});

describe('proposal edits', () => {
  it('a move shifts by exactly the metres asked in EPSG:5186', () => {
    const shifted = moved(tower, 30, -12) as Pick<BoxProposal, 'centre'>;
    const [x0, y0] = toXY(tower.centre);
    const [x1, y1] = toXY(shifted.centre);
    expect(x1 - x0).toBeCloseTo(30, 6);
    expect(y1 - y0).toBeCloseTo(-12, 6);
  });

  it('a rotation wraps round 360° for boxes and keeps a polygon’s side lengths', () => {
    expect(rotated(tower, -20)).toEqual({ rotation: 355 });
    expect(rotated({ ...tower, rotation: 350 }, 15)).toEqual({ rotation: 5 });
    const polygon: PolygonProposal = {
      kind: 'polygon',
      id: 'p',
      floors: 5,
      ring: [
        [126.978, 37.566],
        [126.979, 37.566],
        [126.979, 37.5665],
      ],
    };
    const sides = (ring: [number, number][]) =>
      ring.map((p, i) => {
        const [a, b] = [toXY(p), toXY(ring[(i + 1) % ring.length])];
        return Math.hypot(b[0] - a[0], b[1] - a[1]);
      });
    const turned = (rotated(polygon, 90) as Pick<PolygonProposal, 'ring'>).ring;
    sides(turned).forEach((len, i) => expect(len).toBeCloseTo(sides(polygon.ring)[i], 4));
    expect(turned[0]).not.toEqual(polygon.ring[0]);
  });
});
