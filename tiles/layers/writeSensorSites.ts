// The S-DoT sensor sites as a point layer of the city build (PointLayerInfo, written by
// writePointLayer): <build>/sensors/sdot-sites.positions.f32 + .attributes.json (column "serial").
// Source: <source>/sdot/sdot_sensor_locations_2020.csv (851 sites, SOURCES.md sdot/).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseSensorSites } from '../../common/sdot/sensorSites.js';
import type { PointLayerInfo } from '../../common/buildFormat.js';
import type { BuildLog } from '../model/cityModel.js';
import { writePointLayer } from './writePointLayer.js';

export const SDOT_SITES_FILE = 'sdot/sdot_sensor_locations_2020.csv';
export const SDOT_SITES_LAYER_ID = 'sdot-sites';

export async function writeSensorSites(sourceDir: string, buildRoot: string, log: BuildLog): Promise<PointLayerInfo[]> {
  let text: string;
  try {
    text = await readFile(path.join(sourceDir, SDOT_SITES_FILE), 'utf8');
  } catch (err) {
    log.issue({ file: SDOT_SITES_FILE, featureId: '*', problem: `cannot read the S-DoT sensor locations: ${(err as Error).message}`, action: 'file-skipped' });
    return [];
  }
  const { sites, problems } = parseSensorSites(text, SDOT_SITES_FILE);
  for (const p of problems) {
    const m = /^[^:]+:(\d+): (?:([^:]+): )?(.*)$/.exec(p);
    log.issue({ file: SDOT_SITES_FILE, featureId: m?.[2] ?? `line ${m?.[1] ?? '?'}`, problem: m?.[3] ?? p, action: 'skipped' });
  }
  const layer = await writePointLayer(
    buildRoot,
    {
      id: SDOT_SITES_LAYER_ID,
      group: 'sensors',
      dir: 'sensors',
      idColumn: 'serial',
      columns: ['serial'],
      caveats: {},
      source: SDOT_SITES_FILE,
      attribution:
        'S-DoT sensor sites (2020): Seoul Metropolitan Government, 스마트서울 도시데이터 센서 (Seoul Open Data Plaza OA-15969, KOGL type 1 as far as known)',
      defaultVisible: false,
    },
    sites.map((s, i) => ({ lon: s.lon, lat: s.lat, line: i + 2, values: { serial: s.serial } })),
    problems.length,
  );
  return [layer];
}
