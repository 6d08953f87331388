// The real city build on ../shared/data (or VSEOUL_DATA_DIR), checked with real oracles:
// Khronos' gltf-validator for every GLB, the 3D Tiles 1.1 rules the tileset uses, the source
// GeoJSON for where City Hall's geometry lands, and CesiumJS' own heightmap decoder for the terrain.
import { GeographicTilingScheme, HeightmapTerrainData, Math as CesiumMath } from '@cesium/engine';
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import validator from 'gltf-validator';
import { MeshoptDecoder } from 'meshoptimizer';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCity } from '../../tiles/buildCity.js';
import { BUILD_PATHS, type BuildSummary, type CityManifest } from '../../common/buildFormat.js';
import { readGlb } from '../../tiles/gltf/glbChunks.js';
import { tableStrings } from '../support/glbPropertyTable.js';
import type { BuildIssue, BuildLog } from '../../tiles/model/cityModel.js';
import { WGS84_A, WGS84_E2 } from '../../tiles/geometry/wgs84.js';
import { tileRange } from '../../common/heightmapTile.js';
import { inRanges } from '../../common/tileRanges.js';
import { buildTerrain, spread, surfaceLatticeNodes } from '../support/buildGround.js';
import { FOUNDATION_DEPTH_M } from '../../tiles/gltf/encodeBuildingTile.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(__dirname, '../../../shared/data');
const BUILDINGS_FILE = 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson';

interface TileJson {
  boundingVolume: { region: number[] };
  geometricError: number;
  transform?: number[];
  content?: { uri: string };
  children?: TileJson[];
}

let out: string;
let summary: BuildSummary;
let manifest: CityManifest;
let tileset: { asset: { version: string }; geometricError: number; root: TileJson };
const issues: BuildIssue[] = [];
/** Every tile with content, with its world transform (product of transforms down the tree). */
const contents: { tile: TileJson; world: number[]; glb: Uint8Array }[] = [];

function mul(a: number[], b: number[]): number[] {
  const o = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) o[c * 4 + r] += a[k * 4 + r] * b[c * 4 + k];
  return o;
}
const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

beforeAll(async () => {
  out = path.join(mkdtempSync(path.join(os.tmpdir(), 'vseoul-build-')), 'city-build');
  const log: BuildLog = { issue: (i) => issues.push(i), progress: () => {}, info: () => {} };
  summary = await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: out }, log);
  manifest = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8'));
  tileset = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.tileset), 'utf8'));
  const walk = (t: TileJson, parent: number[]) => {
    const world = mul(parent, t.transform ?? IDENTITY);
    if (t.content) {
      const file = path.join(out, path.dirname(BUILD_PATHS.tileset), t.content.uri);
      contents.push({ tile: t, world, glb: existsSync(file) ? new Uint8Array(readFileSync(file)) : new Uint8Array(0) });
    }
    for (const c of t.children ?? []) walk(c, world);
  };
  walk(tileset.root, IDENTITY);
});

afterAll(() => {
  if (out) rmSync(path.dirname(out), { recursive: true, force: true });
});

function ecefToGeodetic(x: number, y: number, z: number): [number, number, number] {
  const lon = Math.atan2(y, x);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - WGS84_E2));
  let h = 0;
  for (let i = 0; i < 6; i++) {
    const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * Math.sin(lat) ** 2);
    h = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (WGS84_E2 * n) / (n + h)));
  }
  return [(lon * 180) / Math.PI, (lat * 180) / Math.PI, h];
}

describe('city build on the real data', () => {
  it('builds every building and writes a complete manifest and report', () => {
    expect(summary.buildingsBuilt).toBe(1358);
    expect(summary.buildingsBuilt + summary.buildingsSkipped).toBeGreaterThanOrEqual(1358);
    const hs = summary.heightSources;
    expect(hs.measured + hs.floors + hs['default-by-use']).toBe(summary.buildingsBuilt);
    expect(manifest.tileset).toBe(BUILD_PATHS.tileset);
    expect(manifest.summary.tileCount).toBe(contents.length);
    expect(manifest.terrain?.format).toBe('heightmap-1.0');
    // Home: near City Hall (37.5663 N, 126.9779 E), above the ground, looking down.
    expect(Math.abs(manifest.home.lon - 126.978)).toBeLessThan(0.01);
    expect(Math.abs(manifest.home.lat - 37.566)).toBeLessThan(0.015);
    expect(manifest.home.pitch).toBeLessThan(0);
    const report = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.report), 'utf8'));
    expect(report.issues.length).toBe(issues.length);
    expect(report.issues.every((i: BuildIssue) => i.file && i.featureId && i.problem && i.action)).toBe(true);
    // No leftovers beside the build.
    expect(existsSync(`${out}.tmp-${process.pid}`)).toBe(false);
  });

  it('every GLB passes gltf-validator with 0 errors', async () => {
    let warnings = 0,
      infos = 0;
    for (const c of contents) {
      expect(c.glb.byteLength).toBeGreaterThan(0);
      const r = await validator.validateBytes(c.glb, { maxIssues: 1000 });
      if (r.issues.numErrors) console.log(c.tile.content!.uri, JSON.stringify(r.issues.messages.filter((m: any) => m.severity === 0).slice(0, 5)));
      expect(r.issues.numErrors).toBe(0);
      warnings += r.issues.numWarnings;
      infos += r.issues.numInfos;
    }
    console.log(`gltf-validator: ${contents.length} GLBs, 0 errors, ${warnings} warnings, ${infos} infos (unsupported-extension and unused-bufferView notes)`);
  });

  it('tileset.json follows the 3D Tiles 1.1 rules it uses', () => {
    expect(tileset.asset.version).toBe('1.1');
    expect(tileset.geometricError).toBeGreaterThan(tileset.root.geometricError);
    const check = (t: TileJson) => {
      const r = t.boundingVolume.region;
      expect(r).toHaveLength(6);
      expect(r[0]).toBeLessThan(r[2]);
      expect(r[1]).toBeLessThan(r[3]);
      expect(r[4]).toBeLessThan(r[5]);
      if (t.transform) expect(t.transform).toHaveLength(16);
      if (t.content) expect(existsSync(path.join(out, path.dirname(BUILD_PATHS.tileset), t.content.uri))).toBe(true);
      if (!t.children?.length) expect(t.geometricError).toBe(0);
      for (const c of t.children ?? []) {
        const cr = c.boundingVolume.region;
        expect(c.geometricError).toBeLessThan(t.geometricError);
        expect(cr[0]).toBeGreaterThanOrEqual(r[0]);
        expect(cr[1]).toBeGreaterThanOrEqual(r[1]);
        expect(cr[2]).toBeLessThanOrEqual(r[2]);
        expect(cr[3]).toBeLessThanOrEqual(r[3]);
        expect(cr[4]).toBeGreaterThanOrEqual(r[4]);
        expect(cr[5]).toBeLessThanOrEqual(r[5]);
        check(c);
      }
    };
    check(tileset.root);
  });

  it('GLB feature counts add up to the buildings built, each building once', () => {
    const ids: string[] = [];
    for (const c of contents) {
      const { json } = readGlb(c.glb);
      const table = json.extensions.EXT_structural_metadata.propertyTables[0];
      for (const mesh of json.meshes)
        for (const prim of mesh.primitives) {
          const f = prim.extensions.EXT_mesh_features.featureIds[0];
          expect(f).toMatchObject({ attribute: 0, propertyTable: 0 });
          expect(f.featureCount).toBeGreaterThan(0);
          expect(f.featureCount).toBeLessThanOrEqual(table.count);
        }
      ids.push(...tableStrings(c.glb, 'id'));
    }
    expect(ids.length).toBe(summary.buildingsBuilt);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('metadata reads back: 서울특별시청 is in a property table and its geometry stands on its OSM footprint', async () => {
    const hit = contents.map((c) => ({ c, names: tableStrings(c.glb, 'name') })).find((x) => x.names.includes('서울특별시청'));
    expect(hit).toBeDefined();
    const { c, names } = hit!;
    const fid = names.indexOf('서울특별시청');
    expect(tableStrings(c.glb, 'id')[fid]).toMatch(/^osm:way\//);

    const io = new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ 'meshopt.decoder': MeshoptDecoder });
    await MeshoptDecoder.ready;
    const doc = await io.readBinary(c.glb);
    const table = (doc.getRoot().getExtension('EXT_structural_metadata') as any).listPropertyTables()[0];
    const heightBytes: Uint8Array = table.getProperty('height').getValues();
    const baseBytes: Uint8Array = table.getProperty('baseElevation').getValues();
    const height = new Float32Array(heightBytes.slice().buffer)[fid];
    const base = new Float32Array(baseBytes.slice().buffer)[fid];
    expect(height).toBeGreaterThan(5);

    // Oracle: the footprint in the source GeoJSON.
    const src = JSON.parse(await readFile(path.join(SOURCE, BUILDINGS_FILE), 'utf8'));
    const feature = src.features.find((f: any) => f.properties.name === '서울특별시청');
    const ring: number[][] = feature.geometry.coordinates[0];
    const lons = ring.map((p) => p[0]),
      lats = ring.map((p) => p[1]);
    const tol = 2e-5; // ~2 m

    let count = 0;
    for (const node of doc.getRoot().listNodes()) {
      const mesh = node.getMesh();
      if (!mesh) continue;
      const m = node.getWorldMatrix();
      for (const prim of mesh.listPrimitives()) {
        const pos = prim.getAttribute('POSITION')!;
        const ids = prim.getAttribute('_FEATURE_ID_0')!;
        expect(ids.getComponentType()).toBe(5123); // UNSIGNED_SHORT survives compression
        const v = [0, 0, 0],
          f = [0];
        for (let i = 0; i < pos.getCount(); i++) {
          ids.getElement(i, f);
          expect(f[0]).toBeLessThan(names.length);
          if (f[0] !== fid) continue;
          pos.getElement(i, v);
          const gx = m[0] * v[0] + m[4] * v[1] + m[8] * v[2] + m[12];
          const gy = m[1] * v[0] + m[5] * v[1] + m[9] * v[2] + m[13];
          const gz = m[2] * v[0] + m[6] * v[1] + m[10] * v[2] + m[14];
          // glTF y-up -> tile z-up: (x, y, z) -> (x, -z, y), then the tile's world transform.
          const tx = gx,
            ty = -gz,
            tz = gy;
          const w = c.world;
          const [lon, lat, h] = ecefToGeodetic(
            w[0] * tx + w[4] * ty + w[8] * tz + w[12],
            w[1] * tx + w[5] * ty + w[9] * tz + w[13],
            w[2] * tx + w[6] * ty + w[10] * tz + w[14],
          );
          expect(lon).toBeGreaterThan(Math.min(...lons) - tol);
          expect(lon).toBeLessThan(Math.max(...lons) + tol);
          expect(lat).toBeGreaterThan(Math.min(...lats) - tol);
          expect(lat).toBeLessThan(Math.max(...lats) + tol);
          expect(h).toBeGreaterThan(base - FOUNDATION_DEPTH_M - 0.3);
          expect(h).toBeLessThan(base + height + 0.3);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(ring.length * 4);
  });

  it('terrain: available ranges, files and child masks agree', () => {
    const dir = path.join(out, BUILD_PATHS.terrainRoot);
    const layer = JSON.parse(readFileSync(path.join(dir, 'layer.json'), 'utf8'));
    expect(layer.available.length).toBe(layer.maxzoom + 1);
    expect(layer.available[0]).toEqual([{ startX: 0, startY: 0, endX: 1, endY: 0 }]); // both root tiles
    const inRange = (z: number, x: number, y: number) =>
      z <= layer.maxzoom && layer.available[z].some((r: any) => x >= r.startX && x <= r.endX && y >= r.startY && y <= r.endY);
    let files = 0;
    for (let z = 0; z <= layer.maxzoom; z++) {
      for (const xs of readdirSync(path.join(dir, String(z)))) {
        for (const f of readdirSync(path.join(dir, String(z), xs))) {
          const x = Number(xs),
            y = Number(f.replace('.terrain', ''));
          expect(inRange(z, x, y)).toBe(true);
          const bytes = readFileSync(path.join(dir, String(z), xs, f));
          expect(bytes.byteLength).toBe(65 * 65 * 2 + 2);
          const mask = bytes[65 * 65 * 2];
          // Bits: 1 SW, 2 SE, 4 NW, 8 NE (TMS y grows northwards).
          expect(Boolean(mask & 1)).toBe(inRange(z + 1, 2 * x, 2 * y));
          expect(Boolean(mask & 2)).toBe(inRange(z + 1, 2 * x + 1, 2 * y));
          expect(Boolean(mask & 4)).toBe(inRange(z + 1, 2 * x, 2 * y + 1));
          expect(Boolean(mask & 8)).toBe(inRange(z + 1, 2 * x + 1, 2 * y + 1));
          files++;
        }
      }
    }
    const expected = layer.available.flat().reduce((t: number, r: any) => t + (r.endX - r.startX + 1) * (r.endY - r.startY + 1), 0);
    expect(files).toBe(expected);
  });

  it('terrain covers the whole city: down to level 12 over the districts, deeper around the buildings and measured grids, the assumed ground elsewhere', () => {
    const terrain = buildTerrain(out);
    const districts = manifest.layers.find((l) => l.id === 'districts')!.bbox!;
    expect(manifest.extent).toEqual([
      Math.min(districts[0], manifest.bbox[0]),
      Math.min(districts[1], manifest.bbox[1]),
      Math.max(districts[2], manifest.bbox[2]),
      Math.max(districts[3], manifest.bbox[3]),
    ]);
    const [west, south, east, north] = manifest.extent!;
    for (let z = 1; z <= 12; z++) {
      const r = tileRange(z, west, south, east, north);
      for (let x = r.startX; x <= r.endX; x++)
        for (let y = r.startY; y <= r.endY; y++) expect(inRanges(terrain.available[z], x, y), `${z}/${x}/${y}`).toBe(true);
    }
    // Far from the buildings and the SRTM grids (Gangseo, Gangnam Station, Nowon, Gangdong): level 12,
    // and the assumed ground, mean sea level (heights come in 0.2 m steps).
    for (const [lon, lat] of [
      [126.85, 37.56],
      [127.0276, 37.4979],
      [127.06, 37.65],
      [127.14, 37.53],
    ]) {
      const t = terrain.at(lon, lat);
      expect(t.level).toBe(12);
      expect(Math.abs(t.height)).toBeLessThan(0.11);
    }
    // City Hall: inside the Cheonggyecheon grid, at the deepest level, on measured ground.
    const cityHall = terrain.at(126.9779, 37.5663);
    expect(cityHall.level).toBe(terrain.maxLevel);
    expect(cityHall.height).toBeGreaterThan(15);
  });

  it('the whole-city terrain and the tiled surface model stand on the same ground (one elevation model)', async () => {
    const nodes = await surfaceLatticeNodes(out, manifest, 25);
    expect(nodes.length).toBe(manifest.surface!.tiles.length * 11 * 11);
    const d = spread(nodes.map((n) => n.terrain - n.surface));
    console.log(
      `terrain tiles vs surface-model lattice at ${nodes.length} nodes of ${manifest.surface!.tiles.length} tiles: median ${d.median.toFixed(3)} m, 95th percentile ${d.p95.toFixed(3)} m, worst ${d.max.toFixed(2)} m`,
    );
    // Both sample the same elevation model: they differ by the terrain's 0.2 m steps and its bilinear
    // interpolation between posts ~8 m apart, most on the steepest SRTM slopes (Ansan).
    expect(d.median).toBeLessThan(0.1);
    expect(d.p95).toBeLessThan(0.3);
    expect(d.max).toBeLessThan(2);
  });

  it('buildings sit on the terrain tiles (Cesium decodes the ground under each footprint)', () => {
    const layer = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.terrainRoot, 'layer.json'), 'utf8'));
    expect(layer).toMatchObject({ tilejson: '2.1.0', format: 'heightmap-1.0', scheme: 'tms', projection: 'EPSG:4326', tiles: ['{z}/{x}/{y}.terrain'] });
    const z: number = layer.maxzoom;
    const scheme = new GeographicTilingScheme();
    const structure = { heightScale: 1 / 5, heightOffset: -1000, elementsPerHeight: 1, stride: 1, elementMultiplier: 256, isBigEndian: false };
    const cache = new Map<string, HeightmapTerrainData>();
    const ground = (lon: number, lat: number) => {
      const r = tileRange(z, lon, lat, lon, lat);
      const key = `${r.startX}/${r.startY}`;
      let data = cache.get(key);
      if (!data) {
        const bytes = readFileSync(path.join(out, BUILD_PATHS.terrainRoot, String(z), String(r.startX), `${r.startY}.terrain`));
        const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        data = new HeightmapTerrainData({ buffer: new Uint16Array(buf, 0, 65 * 65), childTileMask: 0, width: 65, height: 65, structure });
        cache.set(key, data);
      }
      const rect = scheme.tileXYToRectangle(r.startX, scheme.getNumberOfYTilesAtLevel(z) - r.startY - 1, z);
      return data.interpolateHeight(rect, CesiumMath.toRadians(lon), CesiumMath.toRadians(lat));
    };
    const src = JSON.parse(readFileSync(path.join(SOURCE, BUILDINGS_FILE), 'utf8'));
    const byOsmId = new Map<string, number[][]>(src.features.map((f: any) => [String(f.properties.osm_id), f.geometry.coordinates[0]]));
    let worstFloat = -Infinity,
      worstBury = -Infinity,
      n = 0;
    for (const c of contents) {
      const ids = tableStrings(c.glb, 'sourceId');
      const { json, bin } = readGlb(c.glb);
      const p = json.extensions.EXT_structural_metadata.propertyTables[0].properties.baseElevation;
      const bv = json.bufferViews[p.values];
      const bases = new Float32Array(bin.slice(bv.byteOffset, bv.byteOffset + bv.byteLength).buffer);
      ids.forEach((id, k) => {
        const ring = byOsmId.get(id);
        if (!ring) return;
        const g = ring.map(([lon, lat]) => ground(lon, lat));
        // Floating: the wall foot (base minus the sunk foundation) above the lowest ground under the walls.
        // Buried: the base below the highest ground under the walls (slopes).
        worstFloat = Math.max(worstFloat, bases[k] - FOUNDATION_DEPTH_M - Math.min(...g));
        worstBury = Math.max(worstBury, Math.max(...g) - bases[k]);
        n++;
      });
    }
    console.log(
      `terrain vs ${n} building bases: wall foot vs lowest ground under it: worst ${worstFloat.toFixed(2)} m (negative = below ground), deepest wall foot below ground ${worstBury.toFixed(2)} m`,
    );
    expect(n).toBe(summary.buildingsBuilt);
    expect(worstFloat).toBeLessThan(0); // no wall foot hangs above the ground anywhere
    // The base is the lowest ground under the footprint, so on slopes the uphill walls start below
    // ground; the worst case is a large footprint on Ansan's flank (Hongjecheon).
    expect(worstBury).toBeLessThan(60);
  });
});
