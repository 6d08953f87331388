// Writes one point layer of a city build (format: PointLayerInfo in buildFormat.ts):
//   <dir>/<id>.positions.f32   Float32 LE lon/lat pairs relative to `origin`
//   <dir>/<id>.attributes.json { "columns": { name: string[] } }
// Reused by every point layer (fire facilities, sensor sites).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PointLayerInfo } from '../../common/buildFormat.js';
import type { CsvPoint } from '../readers/readCsvPoints.js';

export interface PointLayerSpec {
  id: string;
  group: string;
  /** Folder inside the build, e.g. 'fire'. */
  dir: string;
  idColumn: string;
  /** Columns written to the attribute file (others are left out to keep it small). */
  columns: string[];
  caveats?: Record<string, string>;
  source: string;
  attribution: string;
  defaultVisible: boolean;
}

export async function writePointLayer(buildRoot: string, spec: PointLayerSpec, points: CsvPoint[], rejected: number): Promise<PointLayerInfo> {
  let west = Infinity;
  let south = Infinity;
  for (const p of points) {
    if (p.lon < west) west = p.lon;
    if (p.lat < south) south = p.lat;
  }
  const origin: [number, number] = points.length ? [Math.floor(west * 100) / 100, Math.floor(south * 100) / 100] : [0, 0];
  const positions = new Float32Array(points.length * 2);
  points.forEach((p, i) => {
    positions[2 * i] = p.lon - origin[0];
    positions[2 * i + 1] = p.lat - origin[1];
  });
  const columns: Record<string, string[]> = {};
  for (const c of spec.columns) columns[c] = points.map((p) => p.values[c] ?? '');
  const positionsPath = `${spec.dir}/${spec.id}.positions.f32`;
  const attributesPath = `${spec.dir}/${spec.id}.attributes.json`;
  await mkdir(path.join(buildRoot, spec.dir), { recursive: true });
  // Float32Array is little-endian on every platform Node and Chromium run on.
  await writeFile(path.join(buildRoot, positionsPath), new Uint8Array(positions.buffer));
  await writeFile(path.join(buildRoot, attributesPath), JSON.stringify({ columns }));
  return {
    id: spec.id,
    group: spec.group,
    count: points.length,
    positionsPath,
    origin,
    attributesPath,
    idColumn: spec.idColumn,
    caveats: spec.caveats ?? {},
    rejected,
    source: spec.source,
    attribution: spec.attribution,
    defaultVisible: spec.defaultVisible,
  };
}
