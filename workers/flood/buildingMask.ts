// Which cells are buildings. The surface model alone cannot tell a roof from high ground, so the
// flood engine takes the build's footprints (layers of analysis/footprints.json, FootprintsFile
// in common/buildFormat.ts) and rasterizes them with the surface model's own centre rule: those
// cells become walls (no water enters them), not raised ground water could climb onto.
import type { RasterGrid } from '../../common/rasterGrid.js';
import { toGrid5186 } from './projection.js';
import { forEachCellInRings, type XY } from '../grid/rasterizeRings.js';

/** Building footprints as the city build writes them (FootprintsFile): outer rings in lon/lat. */
export interface FloodBuildings {
  ids: string[];
  names: string[];
  uses: string[];
  floors: number[];
  /** Floors below ground a source records, 0 when none (absent in older builds). */
  basementFloors?: ArrayLike<number>;
  /** Start of building i's ring in lon/lat pairs; one extra entry at the end. */
  offsets: ArrayLike<number>;
  /** lon, lat pairs (WGS84 degrees). */
  lonLat: ArrayLike<number>;
}

export function checkBuildings(b: FloodBuildings): void {
  const n = b.offsets.length - 1;
  if (n < 0) throw new Error('buildings: offsets must have one entry more than there are buildings');
  for (const [name, list] of [
    ['ids', b.ids],
    ['names', b.names],
    ['uses', b.uses],
    ['floors', b.floors],
    ...(b.basementFloors ? [['basementFloors', b.basementFloors] as const] : []),
  ] as const) {
    if (list.length !== n) throw new Error(`buildings: ${name} has ${list.length} entries for ${n} buildings`);
  }
  if (b.offsets[n] * 2 !== b.lonLat.length) throw new Error(`buildings: offsets end at ${b.offsets[n]} pairs but lonLat holds ${b.lonLat.length / 2}`);
}

/** Building i's outer ring in EPSG:5186. */
export function buildingRing(b: FloodBuildings, i: number): XY[] {
  const ring: XY[] = [];
  for (let v = b.offsets[i]; v < b.offsets[i + 1]; v++) ring.push(toGrid5186(b.lonLat[2 * v], b.lonLat[2 * v + 1]));
  return ring;
}

/**
 * Index of the building covering each cell (-1: none). Where footprints overlap, the later
 * building wins; every covered cell is a wall either way.
 */
export function rasterizeBuildings(grid: Pick<RasterGrid, 'width' | 'height' | 'cellSize' | 'originX' | 'originY'>, b: FloodBuildings): Int32Array {
  checkBuildings(b);
  const owner = new Int32Array(grid.width * grid.height).fill(-1);
  const n = b.offsets.length - 1;
  for (let i = 0; i < n; i++) {
    if (b.offsets[i + 1] - b.offsets[i] < 3) continue;
    forEachCellInRings(grid, [buildingRing(b, i)], (idx) => {
      owner[idx] = i;
    });
  }
  return owner;
}
