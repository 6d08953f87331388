// The layer list's registry (renderer/src/mapLayer.ts) and the analysis results
// (analysis/resultRegistry.ts): what they hold, and that every subscription comes with its Remover.
import { describe, expect, it } from 'vitest';
import { LayerRegistry, type LayerState, type MapLayer } from '../../../renderer/src/mapLayer.js';
import { ResultRegistry } from '../../../renderer/src/analysis/resultRegistry.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';

class RecordingLayer implements MapLayer {
  problem: string | null = null;
  applied: boolean[] = [];
  constructor(
    readonly id: string,
    public state: LayerState,
    public visible = false,
  ) {}
  label(): string {
    return this.id;
  }
  setVisible(v: boolean): void {
    this.applied.push(v);
  }
}

describe('LayerRegistry', () => {
  it('keeps the list order, switches a layer once per change, reports only ready layers as shown', () => {
    const registry = new LayerRegistry();
    let changes = 0;
    const off = registry.onChange(() => changes++);
    const buildings = new RecordingLayer('buildings', 'ready', true);
    const water = new RecordingLayer('water', 'ready');
    const roads = new RecordingLayer('roads', 'missing', true);
    registry.add(buildings);
    const removeWater = registry.add(water);
    registry.add(roads);
    expect(registry.layers.map((l) => l.id)).toEqual(['buildings', 'water', 'roads']);
    registry.setVisible('water', true);
    registry.setVisible('water', true); // already on: nothing happens
    registry.setVisible('nope', true);
    expect(water.applied).toEqual([true]);
    expect(registry.visibility()).toEqual({ buildings: true, water: true, roads: false });
    removeWater();
    removeWater();
    expect(registry.get('water')).toBeUndefined();
    expect(changes).toBe(5);
    off();
    registry.remove(roads);
    expect(changes).toBe(5);
    expect([registry.layers.length, registry.listenerCount]).toEqual([1, 0]);
  });
});

describe('ResultRegistry', () => {
  const grid = (v: number): RasterGrid => ({ values: Float32Array.of(v), width: 1, height: 1, cellSize: 1, originX: 0, originY: 0, noData: -9999 });

  it('keeps the newest raster per id and the last table, telling listeners until removed', () => {
    const results = new ResultRegistry();
    const seen: string[] = [];
    const off = results.onChange(() => seen.push([...results.rasters.keys()].join(',')));
    results.setRaster({ id: 'sun-hours', label: 'Sun', grid: grid(1) });
    results.setRaster({ id: 'sun-hours', label: 'Sun', grid: grid(2) });
    results.setTable('compare', [{ measure: 'meanHoursBefore', value: 3.5 }]);
    off();
    results.setRaster({ id: 'viewshed', label: 'View', grid: grid(1) });
    expect(seen).toEqual(['sun-hours', 'sun-hours', 'sun-hours']);
    expect(results.rasters.get('sun-hours')?.grid.values[0]).toBe(2);
    expect(results.table?.name).toBe('compare');
    expect(results.listenerCount).toBe(0);
  });
});
