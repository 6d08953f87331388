// One building GLB (tiles/gltf/encodeBuildingTile.ts: KHR_mesh_quantization + EXT_meshopt_compression,
// EXT_mesh_features ids into an EXT_structural_metadata property table) -> triangles in the
// analysis frame (EPSG:5186 x/y relative to an origin, orthometric z), each vertex tagged with the
// building's id.
//
// Libraries: three's GLTFLoader decodes the GLB (accessors, node transforms, quantized positions)
// with meshoptimizer's decoder (already a dependency; the same codec the pipeline encodes with).
// 3d-tiles-renderer contributes its GLTFLoader plugins for EXT_mesh_features and
// EXT_structural_metadata, which map feature ids to property-table rows (the building "id"
// property). Neither needs a DOM: the GLBs carry no textures, so nothing touches images.
// (3d-tiles-renderer's TilesRenderer itself is not used: it selects tiles for a camera, while an
// analysis needs every tile; tilesetContents.ts walks the tree instead.)
import { Matrix4, Vector3, type BufferAttribute, type InterleavedBufferAttribute, type Mesh } from 'three';
import { GLTFLoader, type GLTFLoaderPlugin, type GLTFParser } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'meshoptimizer/decoder';
import { GLTFMeshFeaturesExtension, GLTFStructuralMetadataExtension } from '3d-tiles-renderer/plugins';
import { ecefToGeodetic, lonLatTo5186 } from './grid5186.js';

export interface TriangleSink {
  /** Appends one vertex (frame coordinates) of feature `feature`. */
  vertex(x: number, y: number, z: number, feature: number): number;
  triangle(a: number, b: number, c: number): void;
  /** Index of a building id in the feature list (added when new). */
  featureIndex(id: string): number;
}

export interface FrameOptions {
  originX: number;
  originY: number;
  /** Geoid undulation (m) at lon/lat: orthometric = ellipsoidal - undulation. */
  undulation: (lon: number, lat: number) => number;
}

interface MeshFeaturesLike {
  getFeatureInfo(): { propertyTable: number | null; attribute?: number | null; nullFeatureId: number | null }[];
}
interface StructuralMetadataLike {
  getPropertyTableData(table: number, row: number): Record<string, unknown>;
}

let loader: GLTFLoader | null = null;
function gltfLoader(): GLTFLoader {
  if (loader) return loader;
  loader = new GLTFLoader();
  loader.setMeshoptDecoder(MeshoptDecoder);
  // The plugins' constructors take the parser (their .d.ts files leave the parameter out).
  type PluginClass = new (parser: GLTFParser) => GLTFLoaderPlugin;
  const metadataPlugin = GLTFStructuralMetadataExtension as unknown as PluginClass;
  const featuresPlugin = GLTFMeshFeaturesExtension as unknown as PluginClass;
  loader.register((parser) => new metadataPlugin(parser));
  loader.register((parser) => new featuresPlugin(parser));
  return loader;
}

/** Appends the GLB's triangles (tile frame -> ECEF by `world`) to `sink`; returns the triangle count. */
export async function appendGlbTriangles(glb: Uint8Array, world: readonly number[], frame: FrameOptions, sink: TriangleSink, name = 'glb'): Promise<number> {
  await MeshoptDecoder.ready;
  const buffer = glb.byteOffset === 0 && glb.byteLength === glb.buffer.byteLength ? glb.buffer : glb.slice().buffer;
  const gltf = await gltfLoader().parseAsync(buffer as ArrayBuffer, '');
  gltf.scene.updateMatrixWorld(true);
  const tileToEcef = new Matrix4().fromArray(world as number[]);
  // 3D Tiles rotates glTF's y-up content to z-up before the tile transform: (x, y, z) -> (x, -z, y).
  const yUpToZUp = new Matrix4().set(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1);
  const meshes: Mesh[] = [];
  gltf.scene.traverse((o) => {
    if ((o as Mesh).isMesh) meshes.push(o as Mesh);
  });
  const p = new Vector3();
  const geo = new Float64Array(3);
  let triangles = 0;
  for (const mesh of meshes) {
    const g = mesh.geometry;
    const position = g.getAttribute('position') as BufferAttribute | InterleavedBufferAttribute | undefined;
    if (!position) continue;
    const ids = featureIdsOf(mesh, name);
    const toEcef = new Matrix4().multiplyMatrices(tileToEcef, yUpToZUp).multiply(mesh.matrixWorld);
    const base = new Int32Array(position.count);
    for (let v = 0; v < position.count; v++) {
      p.fromBufferAttribute(position, v).applyMatrix4(toEcef);
      ecefToGeodetic(p.x, p.y, p.z, geo);
      const [x, y] = lonLatTo5186(geo[0], geo[1]);
      const z = geo[2] - frame.undulation(geo[0], geo[1]);
      base[v] = sink.vertex(x - frame.originX, y - frame.originY, z, ids(v));
    }
    const index = g.getIndex();
    const n = index ? index.count : position.count;
    for (let t = 0; t + 2 < n; t += 3) {
      const a = index ? index.getX(t) : t;
      const b = index ? index.getX(t + 1) : t + 1;
      const c = index ? index.getX(t + 2) : t + 2;
      sink.triangle(base[a], base[b], base[c]);
      triangles++;
    }
  }
  return triangles;

  /** Per-vertex feature index (into the sink's list) for one primitive. */
  function featureIdsOf(mesh: Mesh, where: string): (v: number) => number {
    const features = mesh.userData.meshFeatures as MeshFeaturesLike | undefined;
    const metadata = mesh.userData.structuralMetadata as StructuralMetadataLike | undefined;
    const info = features?.getFeatureInfo()[0];
    // GLTFLoader lower-cases attribute names it does not know (_FEATURE_ID_0 -> _feature_id_0).
    const attr = mesh.geometry.getAttribute(`_feature_id_${info?.attribute ?? 0}`);
    // Triangles without a building id still block rays; they get one id per primitive.
    let unknownIndex = -1;
    const unknown = () => (unknownIndex >= 0 ? unknownIndex : (unknownIndex = sink.featureIndex(`${where}#${mesh.name || 'mesh'}`)));
    if (!info || !attr || !metadata || info.propertyTable === null) return unknown;
    const table = info.propertyTable;
    const cache = new Map<number, number>();
    return (v) => {
      const fid = attr.getX(v);
      let k = cache.get(fid);
      if (k === undefined) {
        const row = fid === info.nullFeatureId ? null : metadata.getPropertyTableData(table, fid);
        k = row && typeof row.id === 'string' && row.id ? sink.featureIndex(row.id) : unknown();
        cache.set(fid, k);
      }
      return k;
    };
  }
}
