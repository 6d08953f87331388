// The 3D city the ray-casting analyses see (facade sunlight, rendered views): the same tileset
// Cesium draws, decoded into one three.js BufferGeometry in the analysis frame (EPSG:5186 x/y minus
// `originX/originY`, orthometric z = the surface model's datum), with the building id of every
// triangle, plus the scenario's proposal prisms, indexed by a three-mesh-bvh BVH.
//
// Which library does what, and why:
// - three (BufferGeometry, Ray, Matrix4) is the geometry vocabulary three-mesh-bvh works on.
// - three's GLTFLoader + meshoptimizer's decoder read the GLBs exactly as written by tiles/gltf
//   (EXT_meshopt_compression, KHR_mesh_quantization); 3d-tiles-renderer supplies the GLTFLoader
//   plugins for EXT_mesh_features / EXT_structural_metadata (feature id -> building id).
//   All of this runs without a DOM, in Node and in a browser worker (glbTriangles.ts).
// - three-mesh-bvh builds the BVH (SAH) and answers ray queries (shadowRays.ts).
// - proj4 (grid5186.ts) and egm96-universal (geoid.ts) put the vertices into the DSM's frame.
//
// Loading works from any URL workers/data/cityFiles.ts can read: http(s) in the browser worker (the host serves
// the build), file: in Node (tests, bench, scenario runner).
import { BufferAttribute, BufferGeometry } from 'three';
import { MeshBVH, SAH } from 'three-mesh-bvh';
import { appendGlbTriangles, type FrameOptions } from './glbTriangles.js';
import { ecefToGeodetic, lonLatTo5186 } from './grid5186.js';
import { geoidUndulation } from './geoid.js';
import { MeshAccumulator } from './meshAccumulator.js';
import { appendPrism, type ProposalPrism } from './prisms.js';
import { readBytes, readJson, type ReadBytes } from '../data/cityFiles.js';
import { tilesetContents } from './tilesetContents.js';
import { appendTerrain } from './terrainMesh.js';

export type { ProposalPrism } from './prisms.js';

export interface CityMesh {
  /** Frame origin in EPSG:5186: a vertex (x, y, z) lies at (originX + x, originY + y), height z. */
  originX: number;
  originY: number;
  geometry: BufferGeometry;
  bvh: MeshBVH;
  /** Feature (building) index of every vertex; see featureIds. */
  vertexFeature: Uint32Array;
  /** Building ids (tileset property "id"), then proposal ids. */
  featureIds: string[];
  featureLookup: ReadonlyMap<string, number>;
  triangleCount: number;
}

export interface CityMeshOptions {
  /** URL of tileset.json (http(s), blob or file:). Omit for a mesh of proposals only (tests). */
  tilesetUrl?: string;
  proposals?: ProposalPrism[];
  /** Building ids to leave out (demolished or replaced by a proposal). */
  remove?: string[];
  /**
   * Only tiles whose bounding region meets this lon/lat box [west, south, east, north] (degrees)
   * are loaded (tiles without a region always are): a city-scale build need not be decoded whole
   * to shade a few buildings.
   */
  region?: [number, number, number, number];
  /** Frame origin; default: the first tile's centre, rounded to 100 m. */
  origin?: [number, number];
  read?: ReadBytes;
  /** Geoid undulation model; default EGM96 (the DSM's). */
  undulation?: (lon: number, lat: number) => number;
  onProgress?: (fraction: number) => void;
}

export async function loadCityMesh(opts: CityMeshOptions): Promise<CityMesh> {
  const read = opts.read ?? readBytes;
  const acc = new MeshAccumulator();
  const all = opts.tilesetUrl ? tilesetContents(await readJson(opts.tilesetUrl, read), opts.tilesetUrl) : [];
  const box = opts.region;
  const contents = box
    ? all.filter((c) => !c.region || (c.region[0] <= box[2] && c.region[2] >= box[0] && c.region[1] <= box[3] && c.region[3] >= box[1]))
    : all;
  const origin = opts.origin ?? defaultOrigin(contents[0]?.world, opts.proposals);
  const frame: FrameOptions = { originX: origin[0], originY: origin[1], undulation: opts.undulation ?? geoidUndulation };
  for (let i = 0; i < contents.length; i++) {
    const c = contents[i];
    await appendGlbTriangles(await read(c.url), c.world, frame, acc, c.url);
    opts.onProgress?.((i + 1) / (contents.length + 1));
  }
  if (opts.remove?.length) {
    const drop = new Set<number>();
    for (const id of opts.remove) {
      const k = acc.featureLookup.get(id);
      if (k !== undefined) drop.add(k);
    }
    acc.removeFeatures(drop);
  }
  (opts.proposals ?? []).forEach((p, i) => appendPrism(p, i, origin[0], origin[1], acc));
  return indexMesh(acc, origin);
}

/**
 * The build's terrain (terrain/layer.json) as its own mesh in the same frame as a city mesh: kept
 * apart because its ~30 m triangles are too coarse to judge the first metres next to a wall
 * (facadeSun starts terrain rays further out). Null when the layer has no level coarse enough.
 */
export async function loadTerrainMesh(
  layerUrl: string,
  origin: [number, number],
  opts: Pick<CityMeshOptions, 'read' | 'undulation'> = {},
): Promise<CityMesh | null> {
  const acc = new MeshAccumulator();
  const frame: FrameOptions = { originX: origin[0], originY: origin[1], undulation: opts.undulation ?? geoidUndulation };
  const { tiles } = await appendTerrain(layerUrl, frame, acc, opts.read ?? readBytes);
  return tiles > 0 ? indexMesh(acc, origin) : null;
}

/** Builds the geometry + BVH from accumulated triangles. */
export function indexMesh(acc: MeshAccumulator, origin: [number, number]): CityMesh {
  if (acc.indexCount === 0) throw new Error('the analysis mesh has no triangles (no tiles and no proposals)');
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(acc.positions.subarray(0, acc.vertexCount * 3), 3));
  geometry.setIndex(new BufferAttribute(acc.indices.slice(0, acc.indexCount), 1));
  const bvh = new MeshBVH(geometry, { strategy: SAH, targetLeafSize: 8 });
  return {
    originX: origin[0],
    originY: origin[1],
    geometry,
    bvh,
    vertexFeature: acc.vertexFeature.subarray(0, acc.vertexCount),
    featureIds: acc.featureIds,
    featureLookup: acc.featureLookup,
    triangleCount: acc.indexCount / 3,
  };
}

/** Building id of triangle `t` of the (BVH-ordered) index. */
export function triangleBuilding(mesh: CityMesh, t: number): string {
  const index = mesh.geometry.getIndex();
  if (!index) return '';
  return mesh.featureIds[mesh.vertexFeature[index.getX(3 * t)]];
}

/** Bounding box (frame coordinates) of every building's triangles, by feature index. */
export function featureBounds(mesh: CityMesh): Float64Array {
  const b = new Float64Array(mesh.featureIds.length * 6);
  for (let k = 0; k < mesh.featureIds.length; k++) b.set([Infinity, Infinity, Infinity, -Infinity, -Infinity, -Infinity], 6 * k);
  const pos = mesh.geometry.getAttribute('position').array as Float32Array;
  const index = mesh.geometry.getIndex()!.array as Uint32Array;
  for (let i = 0; i < index.length; i++) {
    const v = index[i];
    const k = 6 * mesh.vertexFeature[v];
    for (let c = 0; c < 3; c++) {
      const x = pos[3 * v + c];
      if (x < b[k + c]) b[k + c] = x;
      if (x > b[k + 3 + c]) b[k + 3 + c] = x;
    }
  }
  return b;
}

function defaultOrigin(world: readonly number[] | undefined, proposals: ProposalPrism[] | undefined): [number, number] {
  if (world) {
    const g = new Float64Array(3);
    ecefToGeodetic(world[12], world[13], world[14], g);
    const [x, y] = lonLatTo5186(g[0], g[1]);
    return [Math.round(x / 100) * 100, Math.round(y / 100) * 100];
  }
  const p = proposals?.[0]?.ring[0];
  return p ? [Math.round(p[0] / 100) * 100, Math.round(p[1] / 100) * 100] : [0, 0];
}
