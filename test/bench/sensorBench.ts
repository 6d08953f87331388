// S-DoT: time from a new batch of 851 readings to the updated surface (engine side, in Node: the
// same code the worker runs). The batch is an Open-API-shaped answer with SYNTHETIC values at the
// 851 real site serials (a smooth field plus noise) — not Seoul readings: only 10 real readings
// exist on these machines. Steps: parse + validate, store (duplicates, silence), IDW grid, colour.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReadingStore } from '../../main/feeds/sdot/readingStore.js';
import { parseSeoulApiPage } from '../../common/sdot/seoulOpenApi.js';
import { parseSensorSites } from '../../common/sdot/sensorSites.js';
import { airQualityBand } from '../../common/sdot/sdotQuantities.js';
import { defaultSourceDir } from '../../tiles/cli/defaultPaths.js';
import { interpolateIdw } from '../../workers/sensors/idw.js';
import { SURFACE_RADIUS_M, surfaceGrid } from '../../workers/sensors/surfaceGrid.js';
import { median, type Bench, type Figure } from './figures.js';

const RUNS = 15;

export const sensorBench: Bench = {
  name: 'sensors',
  description: 'S-DoT: new batch of 851 readings -> validated store -> IDW surface (synthetic values at the real sites)',
  async run(): Promise<Figure[]> {
    const sites = parseSensorSites(readFileSync(path.join(defaultSourceDir(), 'sdot', 'sdot_sensor_locations_2020.csv'), 'utf8')).sites;
    const lonLat = new Float64Array(sites.flatMap((s) => [s.lon, s.lat]));
    const grid = surfaceGrid(lonLat);
    const siteMap = new Map(sites.map((s) => [s.serial, s]));
    const store = new ReadingStore(siteMap);
    const times = { parse: [] as number[], store: [] as number[], idw: [] as number[], colour: [] as number[], total: [] as number[] };
    let cells = 0;
    for (let run = 0; run < RUNS; run++) {
      const minute = String(run * 2).padStart(2, '0');
      const row = sites.map((s, i) => ({
        SN: s.serial,
        MSRMT_HR: `2026-04-11_13:${minute}:00`,
        AVG_PM25: (20 + 15 * Math.sin(s.lon * 40) + 10 * Math.cos(s.lat * 50) + (i % 7)).toFixed(1),
        AVG_TP: '18.5',
        AVG_HUM: '40',
        AVG_NIS: '50',
      }));
      const body = JSON.stringify({ IotVdata017: { list_total_count: row.length, RESULT: { CODE: 'INFO-000', MESSAGE: 'synthetic' }, row } });
      const t0 = performance.now();
      const page = parseSeoulApiPage(body);
      if (page.kind !== 'rows') throw new Error('bench batch did not parse');
      const t1 = performance.now();
      const accepted = store.ingest(page.readings).accepted;
      store.silentSensors();
      const t2 = performance.now();
      const pts = accepted.filter((r) => r.values.pm25 !== undefined);
      const result = interpolateIdw({
        lon: Float64Array.from(pts, (r) => siteMap.get(r.serial)!.lon),
        lat: Float64Array.from(pts, (r) => siteMap.get(r.serial)!.lat),
        values: Float64Array.from(pts, (r) => r.values.pm25!),
        ...grid,
        radiusM: SURFACE_RADIUS_M,
      });
      const t3 = performance.now();
      // Colouring as the renderer does (band lookup per cell into RGBA).
      const rgba = new Uint8ClampedArray(result.grid.length * 4);
      for (let i = 0; i < result.grid.length; i++) {
        const v = result.grid[i];
        if (Number.isNaN(v)) continue;
        const b = airQualityBand('pm25', v);
        rgba[4 * i] = b === 'good' ? 50 : 220;
        rgba[4 * i + 3] = 150;
      }
      const t4 = performance.now();
      cells = result.cellsWithData;
      times.parse.push(t1 - t0);
      times.store.push(t2 - t1);
      times.idw.push(t3 - t2);
      times.colour.push(t4 - t3);
      times.total.push(t4 - t0);
    }
    const size = `851 readings, ${grid.width}x${grid.height} grid (${cells} cells within ${SURFACE_RADIUS_M / 1000} km), median of ${RUNS}`;
    const fig = (metric: string, v: number): Figure => ({ bench: 'sensors', metric, value: Math.round(v * 100) / 100, unit: 'ms', size });
    return [
      fig('parse+validate batch', median(times.parse)),
      fig('store (duplicates, silence)', median(times.store)),
      fig('IDW surface', median(times.idw)),
      fig('colour cells', median(times.colour)),
      fig('batch -> surface (engine total)', median(times.total)),
    ];
  },
};
