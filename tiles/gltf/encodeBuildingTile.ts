// One tile's buildings -> one GLB: extruded meshes with per-vertex feature ids (EXT_mesh_features)
// pointing into a property table (EXT_structural_metadata), compacted for streaming.
//
// Compaction: positions are stored as 16-bit integers and normals as 8-bit (KHR_mesh_quantization)
// and then, by default, meshopt-compressed (EXT_meshopt_compression). Both are read by CesiumJS.
// Measured on the real sample (test/bench, "build" figures): meshopt on top of quantization gives
// the smaller files, so it is the default; 'quantized' remains for viewers without meshopt.
//
// Quantization keeps precision by giving each ~1 km cell of a tile its own node with a
// translation + uniform scale (16 bits over <= ~1.2 km: ~2 cm steps); uniform, so normals stay right.
import { Document, NodeIO, type Node as GltfNode } from '@gltf-transform/core';
import { EXTMeshFeatures, EXTMeshoptCompression, EXTStructuralMetadata, KHRMeshQuantization } from '@gltf-transform/extensions';
import { MeshoptEncoder } from 'meshoptimizer';
import type { CityBuilding } from '../model/cityModel.js';
import { MeshBuilder } from '../geometry/extrude.js';
import type { EnuFrame } from '../geometry/wgs84.js';
import { addBuildingPropertyTable } from './buildingMetadata.js';
import { alignGlbBufferViews } from './glbChunks.js';

export type Compression = 'meshopt' | 'quantized';

export interface EncodedTile {
  glb: Uint8Array;
  /** Buildings in feature-id order (those that produced geometry). */
  buildings: CityBuilding[];
  /** Buildings whose footprints produced no triangles (degenerate). */
  dropped: CityBuilding[];
  triangles: number;
  vertices: number;
}

const CELL_SIZE_M = 1000;

/**
 * Walls of buildings standing on the ground start this far below their base elevation: the
 * terrain mesh Cesium draws interpolates between posts ~8 m apart, so it can pass a few decimetres
 * under a footprint corner, and a sunk foundation keeps the wall foot from floating there.
 */
export const FOUNDATION_DEPTH_M = 2;

let ioPromise: Promise<NodeIO> | null = null;
/** One NodeIO per process, with the extensions and the meshopt encoder registered. */
export function glbIo(): Promise<NodeIO> {
  ioPromise ??= (async () => {
    await MeshoptEncoder.ready;
    return new NodeIO()
      .registerExtensions([EXTMeshFeatures, EXTStructuralMetadata, KHRMeshQuantization, EXTMeshoptCompression])
      .registerDependencies({ 'meshopt.encoder': MeshoptEncoder });
  })();
  return ioPromise;
}

export async function encodeBuildingTile(buildings: readonly CityBuilding[], frame: EnuFrame, opts: { compression?: Compression } = {}): Promise<EncodedTile> {
  // Feature ids are stored as UNSIGNED_SHORT; the tile tree keeps tiles far below this.
  if (buildings.length > 65535) throw new RangeError(`a tile holds at most 65,535 buildings, got ${buildings.length}`);
  const compression = opts.compression ?? 'meshopt';
  const cells = new Map<string, MeshBuilder>();
  const kept: CityBuilding[] = [];
  const dropped: CityBuilding[] = [];
  const enu = new Float64Array(3);

  for (const b of buildings) {
    const featureId = kept.length;
    let triangles = 0;
    for (const polygon of b.polygons) {
      if (polygon.length === 0 || polygon[0].length < 3) continue;
      let uSum = 0;
      let cellKey = '';
      const rings = polygon.map((ring, k) => {
        const flat = new Float64Array(ring.length * 2);
        for (let i = 0; i < ring.length; i++) {
          frame.toEnu(ring[i][0], ring[i][1], b.baseElevation, enu);
          flat[2 * i] = enu[0];
          flat[2 * i + 1] = enu[1];
          if (k === 0) uSum += enu[2];
        }
        if (k === 0) cellKey = `${Math.floor(flat[0] / CELL_SIZE_M)},${Math.floor(flat[1] / CELL_SIZE_M)}`;
        return flat;
      });
      // Up coordinate of the base in the tile frame: the base elevation minus the earth's curvature
      // drop at this distance from the tile centre (averaged over the outer ring).
      const uBase = uSum / polygon[0].length;
      let builder = cells.get(cellKey);
      if (!builder) cells.set(cellKey, (builder = new MeshBuilder()));
      const bottom = b.minHeight > 0 ? b.minHeight : -FOUNDATION_DEPTH_M;
      triangles += builder.addExtrusion(rings, uBase + bottom, uBase + b.height, featureId, b.minHeight > 0);
    }
    if (triangles > 0) kept.push(b);
    else dropped.push(b);
  }

  const doc = new Document();
  const buffer = doc.createBuffer();
  doc.createExtension(KHRMeshQuantization).setRequired(true);
  if (compression === 'meshopt') {
    doc.createExtension(EXTMeshoptCompression).setRequired(true).setEncoderOptions({ method: EXTMeshoptCompression.EncoderMethod.QUANTIZE });
  }
  const featuresExt = doc.createExtension(EXTMeshFeatures);
  const table = addBuildingPropertyTable(doc, kept);
  const material = doc.createMaterial('building').setBaseColorFactor([0.86, 0.85, 0.82, 1]).setMetallicFactor(0).setRoughnessFactor(0.9);
  const scene = doc.createScene();
  let triangles = 0;
  let vertices = 0;

  for (const builder of cells.values()) {
    if (builder.indexCount === 0) continue;
    const m = builder.finish();
    const n = m.positions.length / 3;
    vertices += n;
    triangles += m.indices.length / 3;
    // Uniform quantization grid for this cell.
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < 3; c++) {
        const v = m.positions[3 * i + c];
        if (v < min[c]) min[c] = v;
        if (v > max[c]) max[c] = v;
      }
    }
    const centre = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
    const extent = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2], 1e-3);
    const step = extent / 65534;
    const qpos = new Int16Array(n * 3);
    const qnrm = new Int8Array(n * 3);
    for (let i = 0; i < 3 * n; i++) {
      qpos[i] = Math.round((m.positions[i] - centre[i % 3]) / step);
      qnrm[i] = Math.round(m.normals[i] * 127);
    }
    const indices = n <= 65535 ? Uint16Array.from(m.indices) : m.indices;

    const prim = doc
      .createPrimitive()
      .setMaterial(material)
      .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(qpos).setBuffer(buffer))
      .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(qnrm).setNormalized(true).setBuffer(buffer))
      // Feature ids stay exact integers (UNSIGNED_SHORT); meshopt compresses them losslessly.
      .setAttribute('_FEATURE_ID_0', doc.createAccessor().setType('SCALAR').setArray(m.featureIds).setBuffer(buffer))
      .setIndices(doc.createAccessor().setType('SCALAR').setArray(indices).setBuffer(buffer));
    // featureCount: the number of distinct features in this primitive (spec), not in the tile.
    let distinct = 0;
    for (let i = 0, last = -1; i < n; i++)
      if (m.featureIds[i] !== last) {
        last = m.featureIds[i];
        distinct++;
      }
    const featureId = featuresExt.createFeatureID().setFeatureCount(distinct).setAttribute(0).setPropertyTable(table);
    prim.setExtension('EXT_mesh_features', featuresExt.createFeatures().addFeatureID(featureId));
    const mesh = doc.createMesh().addPrimitive(prim);
    const node: GltfNode = doc
      .createNode()
      .setMesh(mesh)
      .setTranslation(centre as [number, number, number])
      .setScale([step, step, step]);
    scene.addChild(node);
  }
  doc.getRoot().setDefaultScene(scene);
  const io = await glbIo();
  const glb = alignGlbBufferViews(await io.writeBinary(doc));
  return { glb, buildings: kept, dropped, triangles, vertices };
}
