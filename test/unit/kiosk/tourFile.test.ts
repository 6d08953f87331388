// The kiosk's tour files: every file in scenarios/tours passes the schema; its places are the
// real features of the source data (footprint centroids / waterway vertices recomputed here from
// the shared data, never copied); each stop's camera looks at its place; broken tours are refused
// with the file and the JSON path of the mistake.
import { readdirSync, readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTour, readTour } from '../../../main/kiosk/tourFiles.js';
import type { TourFile } from '../../../common/tourFormat.js';
import { ringCentroid } from '../../e2e/cityHall.js';
import { cameraGroundHit, cameraReach } from '../../support/cameraGroundHit.js';

const toursDir = path.resolve('scenarios/tours');
const dataDir = path.resolve(process.env.VSEOUL_DATA_DIR ?? '../shared/data');
const tourNames = readdirSync(toursDir)
  .filter((f) => f.endsWith('.tour.json'))
  .map((f) => f.replace(/\.tour\.json$/, ''));

type Feature = { properties: { osm_id?: number }; geometry: { type: string; coordinates: any } };
const featureCache = new Map<string, Feature[]>();
function features(file: string): Feature[] {
  if (!featureCache.has(file)) featureCache.set(file, (JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as { features: Feature[] }).features);
  return featureCache.get(file)!;
}

/** Metres between two lon/lat points (equirectangular; fine at city scale). */
function metres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const k = Math.cos((((a.lat + b.lat) / 2) * Math.PI) / 180);
  return Math.hypot((a.lon - b.lon) * 111_320 * k, (a.lat - b.lat) * 110_574);
}

describe('tour files', () => {
  it('includes the Seoul tour', () => expect(tourNames).toContain('seoul'));

  for (const name of tourNames) {
    it(`${name}: valid against the schema, via the host's reader`, async () => {
      const result = await readTour(toursDir, name);
      expect(result.ok ? null : result.error).toBeNull();
    });

    it(`${name}: places are the data's features and every camera looks at its place`, async () => {
      const tour = JSON.parse(readFileSync(path.join(toursDir, `${name}.tour.json`), 'utf8')) as TourFile;
      for (const stop of tour.stops) {
        if (!stop.place) continue;
        const matches = features(stop.place.source).filter((f) => f.properties.osm_id === stop.place!.osmId);
        expect(matches, `${stop.id}: osm id ${stop.place.osmId} in ${stop.place.source}`).toHaveLength(1);
        const g = matches[0].geometry;
        const [lon, lat] =
          g.type === 'Polygon' ? ringCentroid(g.coordinates[0]) : g.type === 'MultiPolygon' ? ringCentroid(g.coordinates[0][0]) : g.coordinates[0];
        expect(metres(stop.place, { lon, lat }), `${stop.id}: place vs the data`).toBeLessThan(2);
        // Where the view ray from the camera meets the ground (ellipsoidal ground ≈ 30-80 m here).
        const { camera } = stop;
        for (const ground of [30, 80]) {
          const reach = cameraReach(camera, ground);
          const hit = cameraGroundHit(camera, ground);
          expect(metres(hit, stop.place), `${stop.id}: the camera looks at its place (ground ${ground} m)`).toBeLessThan(Math.max(60, reach * 0.12));
        }
      }
    });
  }
});

describe('broken tours', () => {
  const good = JSON.parse(readFileSync(path.join(toursDir, 'seoul.tour.json'), 'utf8')) as TourFile;

  it('names the file and the JSON path of each mistake', () => {
    const bad = structuredClone(good) as any;
    bad.stops[1].camera.pitch = 20;
    delete bad.stops[2].caption.en;
    bad.stops[0].layrs = ['buildings'];
    const result = checkTour(bad, 'my.tour.json');
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error).toContain('my.tour.json');
    expect(error).toContain('/stops/1/camera/pitch must be <= 0');
    expect(error).toContain("/stops/2/caption must have required property 'en'");
    expect(error).toContain("/stops/0 must NOT have additional properties 'layrs'");
  });

  it('refuses duplicate stop ids, bad names, missing files and broken JSON', async () => {
    const dup = structuredClone(good);
    dup.stops[1].id = dup.stops[0].id;
    expect(checkTour(dup, 'x')).toMatchObject({ ok: false, error: expect.stringContaining('two stops with id "city-hall"') });
    expect(await readTour(toursDir, '../package')).toMatchObject({ ok: false, status: 400 });
    expect(await readTour(toursDir, 'no-such-tour')).toMatchObject({ ok: false, status: 404 });
    expect(await readTour(path.resolve('test'), 'x')).toMatchObject({ ok: false, status: 404 });
  });
});

describe('packaging', () => {
  it('electron-builder packs the tours where the packaged app looks for them', () => {
    const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as { files: string[] };
    expect(config.files).toContain('scenarios/tours/**');
    expect(readFileSync('main/electron/main.ts', 'utf8')).toContain("join(app.getAppPath(), 'scenarios', 'tours')");
  });

  it('flips the Electron fuses that would turn the packaged app into a plain Node or load code from outside its archive', () => {
    const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
