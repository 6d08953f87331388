// The kiosk's idle states (renderer/src/kiosk/kioskIdle.ts) and its tour order
// (tourSequence.ts) against the real tour file scenarios/tours/seoul.tour.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TourFile } from '../../../common/tourFormat.js';
import { countsAsInput, KioskIdle } from '../../../renderer/src/kiosk/kioskIdle.js';
import { nextStop, stopLayerStates } from '../../../renderer/src/kiosk/tourSequence.js';

const tour = JSON.parse(readFileSync('scenarios/tours/seoul.tour.json', 'utf8')) as TourFile;
const ids = (indices: Array<number | null>) => indices.map((i) => (i === null ? null : tour.stops[i].id));

describe('KioskIdle', () => {
  it('attract -> a touch interrupts -> idle for the idle time resets -> attract', () => {
    const idle = new KioskIdle(90_000, 0);
    expect(idle.state).toBe('starting');
    expect(idle.tourReady()).toBe(true);
    expect(idle.state).toBe('attract');
    expect(idle.idleExpired(10_000_000)).toBe(false); // attracting is not idling
    expect(idle.input(1000)).toBe(true);
    expect(idle.input(2000)).toBe(false); // already interactive
    expect(idle.idleExpired(91_999)).toBe(false);
    expect(idle.idleExpired(92_000)).toBe(true);
    idle.reset();
    expect([idle.state, idle.resets]).toEqual(['attract', 1]);
  });

  it('a visitor before the tour loaded keeps it from starting; a failed tour is failed', () => {
    const idle = new KioskIdle(45_000, 0);
    expect(idle.input(100)).toBe(false);
    expect(idle.state).toBe('interactive');
    expect(idle.tourReady()).toBe(false);
    idle.tourFailed();
    expect(idle.state).toBe('failed');
    expect(idle.idleExpired(1e9)).toBe(false);
  });

  it('a mouse gliding over the screen is not a visitor; a drag, a touch move, a key are', () => {
    expect(countsAsInput('pointermove', { buttons: 0, pointerType: 'mouse' })).toBe(false);
    expect(countsAsInput('pointermove', { buttons: 1, pointerType: 'mouse' })).toBe(true);
    expect(countsAsInput('pointermove', { buttons: 0, pointerType: 'touch' })).toBe(true);
    expect(countsAsInput('keydown')).toBe(true);
  });
});

describe('tour order', () => {
  const all = () => true;
  it('goes round the stops in file order, counting a loop at the first stop', () => {
    const order: Array<number | null> = [];
    let at = -1;
    let loops = 0;
    for (let k = 0; k < tour.stops.length + 1; k++) {
      const next = nextStop(tour.stops, at, all);
      loops += next.wraps;
      order.push(next.index);
      at = next.index!;
    }
    expect(ids(order)).toEqual([...tour.stops.map((s) => s.id), tour.stops[0].id]);
    expect(loops).toBe(2);
  });

  it('skips the stops whose result layers are not ready, saying which layer they lacked', () => {
    const ready = new Set(['flood-result']); // the sunlight result is still computing
    const fromCityHall = nextStop(tour.stops, 2, (id) => ready.has(id));
    expect(ids([fromCityHall.index])).toEqual(['yeonhui-dong']);
    expect(fromCityHall.skipped).toEqual([{ index: 3, missing: ['sun-result'] }]);
  });

  it('with every stop needing something missing, plays none', () => {
    const allRequire = tour.stops.map((s) => ({ ...s, requires: ['sun-result'] }));
    const next = nextStop(allRequire, 4, () => false);
    expect(next.index).toBeNull();
    expect(next.skipped.map((s) => s.index)).toEqual([5, 6, 0, 1, 2, 3, 4]);
  });

  it('a stop turns the tour layers on or off as it lists them and leaves the other layers as they are', () => {
    const tourLayers = [...new Set(tour.stops.flatMap((s) => s.layers))];
    const layers = [
      { id: 'buildings', visible: false },
      { id: 'fire-hydrants', visible: true },
      { id: 'roads', visible: true },
    ];
    const gwanghwamun = tour.stops.find((s) => s.id === 'gwanghwamun')!;
    const cityHall = tour.stops.find((s) => s.id === 'city-hall')!;
    expect(stopLayerStates(layers, tourLayers, gwanghwamun)).toEqual({ buildings: true, 'fire-hydrants': true, roads: true });
    expect(stopLayerStates(layers, tourLayers, cityHall)).toEqual({ buildings: true, 'fire-hydrants': false, roads: true });
  });
});
