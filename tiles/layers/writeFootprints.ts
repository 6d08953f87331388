// Building footprints for the analysis workers: one JSON file with the outer ring of every built
// building (largest polygon of a multipolygon) in the packed shape the engines take
// (workers/fire/footprints.ts: offsets + lon/lat), plus the attributes analyses need.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FootprintsFile, FootprintsInfo } from '../../common/buildFormat.js';
import type { CityBuilding } from '../model/cityModel.js';

export const FOOTPRINTS_PATH = 'analysis/footprints.json';

function ringArea(ring: [number, number][]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return Math.abs(a / 2);
}

export async function writeFootprints(buildings: CityBuilding[], buildRoot: string): Promise<FootprintsInfo> {
  const file: FootprintsFile = { ids: [], names: [], uses: [], heights: [], floors: [], basementFloors: [], offsets: [0], lonLat: [] };
  const r7 = (v: number) => Math.round(v * 1e7) / 1e7;
  for (const b of buildings) {
    const outer = b.polygons
      .map((p) => p[0])
      .filter((r) => r && r.length >= 3)
      .sort((x, y) => ringArea(y) - ringArea(x))[0];
    if (!outer) continue;
    file.ids.push(b.id);
    file.names.push(b.name);
    file.uses.push(b.use);
    file.heights.push(Math.round(b.height * 10) / 10);
    file.floors.push(b.floors);
    file.basementFloors?.push(b.basementFloors ?? 0);
    for (const [lon, lat] of outer) file.lonLat.push(r7(lon), r7(lat));
    file.offsets.push(file.lonLat.length / 2);
  }
  await mkdir(path.join(buildRoot, path.dirname(FOOTPRINTS_PATH)), { recursive: true });
  await writeFile(path.join(buildRoot, FOOTPRINTS_PATH), JSON.stringify(file));
  return { path: FOOTPRINTS_PATH, count: file.ids.length };
}
