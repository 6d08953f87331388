// The buildings of an area for the per-building analyses (hydrant coverage, hazard ranking): the
// footprints whose ring centre lies in the area (grown by a halo), and in the 'after' run the
// proposals as buildings of their own.
import type { FootprintsFile } from '../../common/buildFormat.js';
import { proposalHeight } from '../../common/scenario/scenarioFormat.js';
import { footprintCentres, type FootprintArrays } from '../fire/footprints.js';
import { proposalRing, toLonLat, toXY } from '../planning/proposalGeometry.js';
import type { RunContext } from './runContext.js';

export interface AreaBuildings extends FootprintArrays {
  ids: string[];
  names: string[];
  uses: string[];
  heights: number[];
  floors: number[];
  /** 1 when the building lies in the area itself (0: only in the halo). */
  inArea: Uint8Array;
  problems: string[];
}

export function areaBuildings(ctx: RunContext, f: FootprintsFile, haloM = 0): AreaBuildings {
  const { minX, minY, maxX, maxY } = ctx.area;
  const centres = footprintCentres({ offsets: Uint32Array.from(f.offsets), lonLat: Float64Array.from(f.lonLat) });
  const rings: number[][] = [];
  const out: Omit<AreaBuildings, keyof FootprintArrays> = { ids: [], names: [], uses: [], heights: [], floors: [], inArea: new Uint8Array(0), problems: [] };
  const inArea: number[] = [];
  for (let i = 0; i < f.ids.length; i++) {
    const [x, y] = toXY([centres[2 * i], centres[2 * i + 1]]);
    if (x < minX - haloM || x > maxX + haloM || y < minY - haloM || y > maxY + haloM) continue;
    rings.push(f.lonLat.slice(2 * f.offsets[i], 2 * f.offsets[i + 1]));
    out.ids.push(f.ids[i]);
    out.names.push(f.names[i]);
    out.uses.push(f.uses[i]);
    out.heights.push(f.heights[i]);
    out.floors.push(f.floors[i]);
    inArea.push(x >= minX && x <= maxX && y >= minY && y <= maxY ? 1 : 0);
  }
  if (ctx.after) {
    for (const p of ctx.input.proposals ?? []) {
      const bounds = ctx.input.modelBounds?.[p.id];
      let ring;
      try {
        ring = proposalRing(p, bounds);
      } catch (err) {
        out.problems.push(`${err instanceof Error ? err.message : String(err)}: not counted as a building`);
        continue;
      }
      rings.push(ring.flatMap((xy) => toLonLat(xy)));
      out.ids.push(p.id);
      out.names.push(p.name ?? '');
      out.uses.push('');
      out.heights.push(p.kind === 'gltf' ? (bounds?.max[1] ?? 0) * (p.scale ?? 1) : proposalHeight(p));
      out.floors.push(p.kind === 'gltf' ? 0 : (p.floors ?? 0));
      inArea.push(1);
    }
  }
  const offsets = new Uint32Array(rings.length + 1);
  rings.forEach((r, i) => (offsets[i + 1] = offsets[i] + r.length / 2));
  const lonLat = new Float64Array(offsets[rings.length] * 2);
  rings.forEach((r, i) => lonLat.set(r, 2 * offsets[i]));
  return { ...out, offsets, lonLat, inArea: Uint8Array.from(inArea) };
}
