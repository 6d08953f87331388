// GLB encoding of a few labelled fixture buildings: valid glTF (Khronos validator), exact feature
// ids after quantization and meshopt compression, metadata in the property table.
import { NodeIO } from '@gltf-transform/core';
import { ALL_EXTENSIONS } from '@gltf-transform/extensions';
import validator from 'gltf-validator';
import { MeshoptDecoder } from 'meshoptimizer';
import { describe, expect, it } from 'vitest';

import type { CityBuilding } from '../../../tiles/model/cityModel.js';
import { EnuFrame } from '../../../tiles/geometry/wgs84.js';
import { encodeBuildingTile } from '../../../tiles/gltf/encodeBuildingTile.js';
import { readGlb } from '../../../tiles/gltf/glbChunks.js';
import { BUILDING_PROPERTY_TYPES } from '../../../tiles/gltf/buildingMetadata.js';

function fixture(i: number, lon: number, lat: number, over: Partial<CityBuilding> = {}): CityBuilding {
  const d = 0.0002;
  return {
    id: `fixture:${i}`,
    sourceId: String(i),
    source: 'fixture.geojson',
    name: `테스트 건물 ${i}`,
    use: 'yes',
    floors: i,
    height: 10 + i,
    minHeight: 0,
    heightSource: 'floors',
    heightNote: 'fixture',
    baseElevation: 40 + i,
    polygons: [
      [
        [
          [lon, lat],
          [lon + d, lat],
          [lon + d, lat + d],
          [lon, lat + d],
        ],
      ],
    ],
    ...over,
  };
}

const buildings = [
  fixture(0, 126.977, 37.566),
  fixture(1, 126.978, 37.5665, { minHeight: 4, height: 7, use: 'roof' }), // canopy: gets a bottom face
  fixture(2, 126.992, 37.572, { heightSource: 'default-by-use' }), // > 1 km away: its own quantization node
  fixture(3, 126.98, 37.567, {
    polygons: [
      [
        [
          [126.98, 37.567],
          [126.98, 37.567],
          [126.98, 37.567],
        ],
      ],
    ],
  }), // degenerate
];
const frame = new EnuFrame(126.982, 37.568, 40);

async function decode(glb: Uint8Array) {
  await MeshoptDecoder.ready;
  return new NodeIO().registerExtensions(ALL_EXTENSIONS).registerDependencies({ 'meshopt.decoder': MeshoptDecoder }).readBinary(glb);
}

describe('encodeBuildingTile', () => {
  for (const compression of ['meshopt', 'quantized'] as const) {
    it(`writes a valid GLB with exact feature ids (${compression})`, async () => {
      const tile = await encodeBuildingTile(buildings, frame, { compression });
      expect(tile.buildings.map((b) => b.id)).toEqual(['fixture:0', 'fixture:1', 'fixture:2']);
      expect(tile.dropped.map((b) => b.id)).toEqual(['fixture:3']);
      const report = await validator.validateBytes(tile.glb);
      expect(report.issues.numErrors).toBe(0);
      expect(report.issues.numWarnings).toBe(0);

      const { json } = readGlb(tile.glb);
      expect(json.extensionsRequired).toContain('KHR_mesh_quantization');
      if (compression === 'meshopt') expect(json.extensionsRequired).toContain('EXT_meshopt_compression');
      for (const bv of json.bufferViews) if (bv.buffer === 0) expect(bv.byteOffset % 8).toBe(0);
      const schema = json.extensions.EXT_structural_metadata.schema;
      expect(Object.keys(schema.classes.building.properties).sort()).toEqual(Object.keys(BUILDING_PROPERTY_TYPES).sort());
      expect(schema.classes.building.properties.name.type).toBe('STRING');
      expect(schema.enums.HeightSource.values.map((v: { name: string }) => v.name)).toEqual(['measured', 'floors', 'default-by-use', 'citizen-edit']);

      // Feature ids per vertex: exact integers; the vertex count per building matches the extrusion
      // (box: 16 wall + 4 roof vertices; canopy adds 4 bottom vertices).
      const doc = await decode(tile.glb);
      const perFeature = [0, 0, 0];
      for (const mesh of doc.getRoot().listMeshes())
        for (const prim of mesh.listPrimitives()) {
          const ids = prim.getAttribute('_FEATURE_ID_0')!;
          expect(ids.getComponentType()).toBe(5123);
          const v = [0];
          for (let i = 0; i < ids.getCount(); i++) perFeature[ids.getElement(i, v)[0]]++;
        }
      expect(perFeature).toEqual([20, 24, 20]);
      expect(doc.getRoot().listNodes().length).toBe(2); // two ~1 km quantization cells
      const counts = json.meshes.map((m: any) => m.primitives[0].extensions.EXT_mesh_features.featureIds[0].featureCount);
      expect(counts.sort()).toEqual([1, 2]); // distinct features per primitive
    });
  }

  it('writes a valid GLB for a tile of unnamed buildings (no 0-byte string buffer)', async () => {
    const unnamed = buildings.slice(0, 3).map((b) => ({ ...b, name: '' }));
    const tile = await encodeBuildingTile(unnamed, frame, { compression: 'meshopt' });
    const report = await validator.validateBytes(tile.glb);
    expect(report.issues.numErrors).toBe(0);
    const { json } = readGlb(tile.glb);
    const table = json.extensions.EXT_structural_metadata.propertyTables[0];
    expect(table.properties.name).toBeDefined();
    // Merge provenance is left out where no building has any (as in builds from one source).
    expect(table.properties.mergedFrom).toBeUndefined();
    expect(json.extensions.EXT_structural_metadata.schema.classes.building.properties.mergedFrom.type).toBe('STRING');
  });

  it('meshopt makes the tile smaller than quantization alone', async () => {
    const many = Array.from({ length: 300 }, (_, i) => fixture(i, 126.975 + (i % 20) * 0.0003, 37.565 + Math.floor(i / 20) * 0.0003));
    const a = await encodeBuildingTile(many, frame, { compression: 'quantized' });
    const b = await encodeBuildingTile(many, frame, { compression: 'meshopt' });
    expect(b.glb.byteLength).toBeLessThan(a.glb.byteLength);
  });
});
