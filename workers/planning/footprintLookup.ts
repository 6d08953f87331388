// Buildings of the city build's footprints file (manifest.footprints) in EPSG:5186: a building's
// ring by index or id, and the building under a point. One lookup for the analysis panels (page)
// and the headless scenario runner (Node).
import type { FootprintsFile } from '../../common/buildFormat.js';
import { toXY, type XY } from './proposalGeometry.js';

export interface Footprint {
  index: number;
  id: string;
  name: string;
  height: number;
  floors: number;
  /** Outer ring, EPSG:5186. */
  ring: XY[];
}

export function footprintOf(f: FootprintsFile, i: number): Footprint {
  const ring: XY[] = [];
  for (let k = f.offsets[i]; k < f.offsets[i + 1]; k++) ring.push(toXY([f.lonLat[2 * k], f.lonLat[2 * k + 1]]));
  return { index: i, id: f.ids[i], name: f.names[i], height: f.heights[i], floors: f.floors[i], ring };
}

export function footprintById(f: FootprintsFile, id: string): Footprint | null {
  const i = f.ids.indexOf(id);
  return i < 0 ? null : footprintOf(f, i);
}

function inside(x: number, y: number, ring: XY[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < xi + ((y - yi) * (xj - xi)) / (yj - yi)) c = !c;
  }
  return c;
}

/** The building whose footprint holds the EPSG:5186 point, or null. */
export function footprintAt(f: FootprintsFile, x: number, y: number): Footprint | null {
  for (let i = 0; i < f.ids.length; i++) {
    // Cheap reject on the first vertex before projecting the whole ring.
    const k = f.offsets[i];
    const [fx, fy] = toXY([f.lonLat[2 * k], f.lonLat[2 * k + 1]]);
    if (Math.abs(fx - x) > 500 || Math.abs(fy - y) > 500) continue;
    const b = footprintOf(f, i);
    if (inside(x, y, b.ring)) return b;
  }
  return null;
}
