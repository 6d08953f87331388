// The map input's routing (renderer/src/input/pickRouter.ts; pickDispatcher.ts feeds it Cesium's
// events): one pick per click whoever reads it, captures own the clicks, drags own the pointer,
// moves are coalesced per frame, and destroy() lets go of everything. The host here stands in for
// Cesium's scene only: a small picture (a building left of x = 100, sky above y = 0) whose picks
// and frames the test counts and runs.
import { describe, expect, it } from 'vitest';
import { lazyPick, PickRouter, type MapPick, type MapPoint, type PickHost, type ScreenPosition } from '../../../renderer/src/input/pickRouter.js';

function testHost() {
  const calls = { pick: 0, point: 0 };
  const frames: Array<() => void> = [];
  const state = { cursor: '' as string, cameraInputs: true };
  const host: PickHost = {
    pickAt: (s: ScreenPosition) =>
      lazyPick(
        s,
        () => (calls.pick++, s.x < 100 ? 'building' : undefined),
        () => (calls.point++, s.y < 0 ? null : { lon: 127 + s.x / 1e4, lat: 37.5 + s.y / 1e4, height: 30 }),
      ),
    nextFrame: (fn) => {
      frames.push(fn);
      return () => frames.splice(frames.indexOf(fn), 1);
    },
    setCursor: (c) => (state.cursor = c),
    setCameraInputs: (on) => (state.cameraInputs = on),
  };
  const runFrame = () => frames.splice(0).forEach((f) => f());
  return { host, calls, frames, state, runFrame };
}

const click = (r: PickRouter, x: number, y: number) => {
  r.down({ x, y });
  r.up({ x, y });
  r.click({ x, y });
};

describe('clicks', () => {
  it('one scene.pick and one surface position per click, however many subscribers read them', () => {
    const { host, calls } = testHost();
    const r = new PickRouter(host);
    const seen: unknown[] = [];
    for (let i = 0; i < 5; i++) r.onClick((p) => seen.push(p.picked, p.point?.lon));
    r.onPress((p) => void seen.push(p.picked));
    click(r, 50, 20);
    expect(calls).toEqual({ pick: 1, point: 1 });
    expect(seen.filter((s) => s === 'building')).toHaveLength(6);
    click(r, 150, 20);
    expect(calls).toEqual({ pick: 2, point: 2 });
  });

  it('nobody reading what is under the pointer costs no pick', () => {
    const { host, calls } = testHost();
    const r = new PickRouter(host);
    let clicks = 0;
    r.onClick(() => clicks++);
    click(r, 50, 20);
    expect(clicks).toBe(1);
    expect(calls).toEqual({ pick: 0, point: 0 });
  });

  it('a click over the sky still reaches subscribers, with no point', () => {
    const { host } = testHost();
    const r = new PickRouter(host);
    const points: Array<MapPick['point']> = [];
    r.onClick((p) => points.push(p.point));
    click(r, 150, -5);
    expect(points).toEqual([null]);
  });

  it('a removed subscriber hears nothing more', () => {
    const { host } = testHost();
    const r = new PickRouter(host);
    let heard = 0;
    const off = r.onClick(() => heard++);
    click(r, 1, 1);
    off();
    click(r, 1, 1);
    expect(heard).toBe(1);
    expect(r.subscriberCount).toBe(0);
  });
});

describe('captures', () => {
  it('own the clicks until released; nobody else hears them; the cursor says so', () => {
    const { host, state } = testHost();
    const r = new PickRouter(host);
    const others: unknown[] = [];
    const placed: MapPoint[] = [];
    r.onClick((p) => others.push(p.picked));
    r.capture('plan', { click: (p) => placed.push(p) });
    expect([r.capturedBy, state.cursor]).toEqual(['plan', 'crosshair']);
    click(r, 50, 20);
    click(r, 150, -5); // the sky: no point, not delivered
    expect(placed.map((p) => [p.lon, p.lat, p.picked])).toEqual([[127.005, 37.502, 'building']]);
    expect(others).toEqual([]);
    r.release('someone-else');
    expect(r.capturedBy).toBe('plan');
    r.release('plan');
    click(r, 50, 20);
    expect(others).toEqual(['building']);
    expect([r.capturedBy, state.cursor]).toEqual([null, '']);
  });

  it('a new capture cancels the previous one; cancel() ends one from outside; the Remover releases', () => {
    const { host } = testHost();
    const r = new PickRouter(host);
    const events: string[] = [];
    r.capture('sun', { click: () => events.push('sun click'), cancelled: () => events.push('sun cancelled') });
    const release = r.capture('wiki', { click: () => events.push('wiki click'), cancelled: () => events.push('wiki cancelled') });
    click(r, 50, 20);
    release();
    expect(r.capturedBy).toBeNull();
    r.capture('view', { cancelled: () => events.push('view cancelled') });
    r.cancel('view');
    r.cancel('view');
    expect(events).toEqual(['sun cancelled', 'wiki click', 'view cancelled']);
  });

  it('a double click reuses the pick of the click before it', () => {
    const { host, calls } = testHost();
    const r = new PickRouter(host);
    const got: string[] = [];
    r.capture('polygon', { click: () => got.push('click'), doubleClick: (p) => got.push(`double ${p.lon}`) });
    click(r, 10, 10);
    click(r, 10, 10);
    r.doubleClick({ x: 10, y: 10 });
    expect(got).toEqual(['click', 'click', 'double 127.001']);
    expect(calls.point).toBe(2);
  });
});

describe('drags and moves', () => {
  it('a press subscriber that returns a drag gets the moves, one per frame, until the button goes up', () => {
    const { host, calls, state, runFrame } = testHost();
    const r = new PickRouter(host);
    const moves: number[] = [];
    let ended = 0;
    r.onPress((p) => (p.picked === 'building' ? { move: (m) => moves.push(m.lon), end: () => ended++ } : null));
    r.down({ x: 50, y: 20 });
    expect(state.cameraInputs).toBe(false);
    r.move({ x: 51, y: 20 });
    r.move({ x: 52, y: 20 });
    r.move({ x: 53, y: 20 });
    runFrame();
    r.move({ x: 60, y: 20 });
    r.up({ x: 60, y: 20 }); // the pending move is delivered before the drag ends
    runFrame();
    expect(moves).toEqual([127.0053, 127.006]);
    expect(ended).toBe(1);
    expect(state.cameraInputs).toBe(true);
    // Moves resolve positions only: no scene.pick beyond the press.
    expect(calls.pick).toBe(1);
    r.move({ x: 70, y: 20 });
    runFrame();
    expect(moves).toHaveLength(2);
  });

  it('moves with nobody wanting them resolve nothing and schedule no frame', () => {
    const { host, calls, frames } = testHost();
    const r = new PickRouter(host);
    r.onClick(() => {});
    r.onPress(() => null);
    r.move({ x: 5, y: 5 });
    expect(frames).toHaveLength(0);
    expect(calls).toEqual({ pick: 0, point: 0 });
  });

  it('a capture with move() hears the moves', () => {
    const { host, runFrame } = testHost();
    const r = new PickRouter(host);
    const moves: number[] = [];
    r.capture('measure', { move: (p) => moves.push(p.lat) });
    r.move({ x: 5, y: 5 });
    r.move({ x: 5, y: 9 });
    runFrame();
    expect(moves).toEqual([37.5009]);
  });
});

describe('destroy', () => {
  it('cancels the capture, drops every subscriber and the pending frame, and gives the camera back', () => {
    const { host, state, frames } = testHost();
    const r = new PickRouter(host);
    const events: string[] = [];
    r.onClick(() => events.push('click'));
    r.onPress(() => ({ move: () => events.push('move'), end: () => events.push('end') }));
    r.down({ x: 5, y: 5 });
    r.move({ x: 6, y: 5 });
    r.capture('plan', { cancelled: () => events.push('cancelled') });
    r.destroy();
    expect(frames).toHaveLength(0);
    expect([state.cameraInputs, state.cursor, r.subscriberCount]).toEqual([true, '', 0]);
    click(r, 5, 5);
    expect(events).toEqual(['cancelled']);
  });
});
