// The shared link's query: what it replaces, what it keeps, and that the page reads back what it wrote
// (?layers= and ?building=; the camera, time and language as the page restores them in the e2e test).
import { describe, expect, it } from 'vitest';
import { readSharedSelection, sharedViewSearch } from '../../../renderer/src/sharedViewLink.js';

const state = {
  camera: [126.97853219, 37.56637, 512.3456, 359.99949, -35.1234] as [number, number, number, number, number],
  time: new Date('2026-12-21T03:15:00Z'),
  layers: ['buildings', 'water', 'fire-hydrants'],
  lang: 'ko' as const,
  building: 'osm:way/198561926',
};

describe('a shared view link', () => {
  it('replaces the view parameters, keeps the others and reads back the same time, layers and building', () => {
    const search = sharedViewSearch('?light=1&view=126.9,37.5,127,37.6&lang=en&mode=desktop', state);
    const params = new URLSearchParams(search);
    expect(params.get('view')).toBeNull();
    expect(params.get('light')).toBe('1');
    expect(params.get('mode')).toBe('desktop');
    expect(params.get('lang')).toBe('ko');
    expect(params.get('camera')).toBe('126.9785322,37.5663700,512.35,359.999,-35.123');
    expect(params.get('time')).toBe('2026-12-21T03:15:00.000Z');
    expect(readSharedSelection(search)).toEqual({ layers: state.layers, building: state.building });
  });

  it('says "every layer off" with an empty list and nothing without one', () => {
    expect(readSharedSelection(sharedViewSearch('', { ...state, layers: [], building: null }))).toEqual({ layers: [], building: null });
    expect(readSharedSelection('?light=1')).toEqual({ layers: null, building: null });
  });
});
