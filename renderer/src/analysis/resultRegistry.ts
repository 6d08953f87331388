// The latest results of the analysis tabs (rasters by id, the last table), for the Export tab.
// DOM-free.
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { Row } from '../../../common/tableFormats.js';
import { Emitter, type Remover } from '../lifetime.js';

export interface ResultRaster {
  id: string;
  label: string;
  grid: RasterGrid;
}

export class ResultRegistry {
  readonly rasters = new Map<string, ResultRaster>();
  table: { name: string; rows: Row[] } | null = null;
  private readonly changes = new Emitter();

  /** Adds a raster, or replaces the one with its id. */
  setRaster(r: ResultRaster): void {
    this.rasters.set(r.id, r);
    this.changes.emit();
  }

  setTable(name: string, rows: Row[]): void {
    this.table = { name, rows };
    this.changes.emit();
  }

  onChange(listener: () => void): Remover {
    return this.changes.on(listener);
  }

  get listenerCount(): number {
    return this.changes.size;
  }
}
