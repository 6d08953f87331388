// Fire-department point layers: fire-water facilities (hydrants), emergency fire-fighting devices
// and fire stations / 119 safety centres, from the CSVs in <source>/fire (SOURCES.md, fire/).
// A missing file gives one issue line and the other layers are still written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PointLayerInfo } from '../../common/buildFormat.js';
import type { BuildLog } from '../model/cityModel.js';
import { readCsvPoints, SEOUL_BOUNDS } from '../readers/readCsvPoints.js';
import { writePointLayer, type PointLayerSpec } from './writePointLayer.js';

interface FireSource extends PointLayerSpec {
  file: string;
  required: string[];
  /** False when idColumn is a label, not a unique key (station names repeat: 구조대). */
  uniqueIds: boolean;
}

export const TYPE_LABEL_CAVEAT =
  'Unverified: this type label comes from a third-party conversion of the Seoul CSV and is very likely wrong (e.g. 급수탑 for ~42,800 rows).';

const NATIONAL = '소방청 전국소방용수시설표준데이터 (data.go.kr 15034538, KOGL type 1) + 서울시 소방용수시설 (Seoul Open Data OA-21306), merged by 119helper';
const SEOUL_FIRE = '서울소방재난본부 / Seoul Metropolitan Government, Seoul Open Data Plaza (KOGL type 1 as far as known)';

export const FIRE_SOURCES: FireSource[] = [
  {
    id: 'fire-hydrants',
    group: 'fire',
    dir: 'fire',
    file: 'fire/seoul_fire_water_facilities.csv',
    idColumn: 'facility_no',
    required: ['facility_no', 'lat', 'lon'],
    uniqueIds: true,
    columns: ['facility_no', 'facility_type', 'gu', 'road_address', 'lot_address', 'safe_center', 'detail_location', 'type_label_seoul_csv'],
    caveats: { type_label_seoul_csv: TYPE_LABEL_CAVEAT },
    source: 'fire/seoul_fire_water_facilities.csv',
    attribution: NATIONAL,
    defaultVisible: false,
  },
  {
    id: 'fire-emergency-devices',
    group: 'fire',
    dir: 'fire',
    file: 'fire/seoul_emergency_fire_devices.csv',
    idColumn: 'device_serial_no',
    required: ['device_serial_no', 'lat', 'lon'],
    uniqueIds: true,
    columns: ['seq', 'device_serial_no', 'device_unique_no', 'gu', 'dong'],
    caveats: { gu: 'gu/dong derived by a spatial join in the source repository', dong: 'gu/dong derived by a spatial join in the source repository' },
    source: 'fire/seoul_emergency_fire_devices.csv',
    attribution: SEOUL_FIRE,
    defaultVisible: false,
  },
  {
    id: 'fire-stations',
    group: 'fire',
    dir: 'fire',
    file: 'fire/seoul_fire_stations.csv',
    idColumn: 'name',
    required: ['name', 'type', 'lat', 'lon'],
    uniqueIds: false,
    columns: ['name', 'type', 'gu', 'dong'],
    source: 'fire/seoul_fire_stations.csv',
    attribution: SEOUL_FIRE,
    defaultVisible: false,
  },
];

export async function writeFireLayers(sourceDir: string, buildRoot: string, log: BuildLog, sources = FIRE_SOURCES): Promise<PointLayerInfo[]> {
  const out: PointLayerInfo[] = [];
  for (const [i, src] of sources.entries()) {
    log.progress('fire layers', i, sources.length);
    let text: string;
    try {
      text = await readFile(path.join(sourceDir, src.file), 'utf8');
    } catch (err) {
      log.issue({ file: src.file, featureId: '*', problem: `cannot read: ${(err as Error).message}`, action: 'file-skipped' });
      continue;
    }
    const read = readCsvPoints(text, {
      file: src.file,
      latColumn: 'lat',
      lonColumn: 'lon',
      idColumn: src.uniqueIds ? src.idColumn : undefined,
      requiredColumns: src.required,
      bounds: SEOUL_BOUNDS,
    });
    for (const issue of read.issues) log.issue(issue);
    if (read.points.length === 0) continue;
    out.push(await writePointLayer(buildRoot, src, read.points, read.issues.length));
    log.info(`${src.id}: ${read.points.length} points written, ${read.issues.length} row(s) rejected`);
  }
  log.progress('fire layers', sources.length, sources.length);
  return out;
}
