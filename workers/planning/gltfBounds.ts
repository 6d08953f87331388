// Bounds of a glTF model (GLB or .gltf JSON) from its POSITION accessors' min/max, which glTF
// requires. Node transforms are not applied: models for massing studies are expected to be modelled
// in place (metres, +Y up, origin at ground level), and the engines only see the footprint box.
import type { ModelBounds } from './proposalGeometry.js';

interface GltfJson {
  accessors?: Array<{ min?: number[]; max?: number[] }>;
  meshes?: Array<{ primitives?: Array<{ attributes?: Record<string, number> }> }>;
}

function gltfJson(bytes: Uint8Array): GltfJson {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength >= 20 && view.getUint32(0, true) === 0x46546c67) {
    const length = view.getUint32(12, true);
    if (view.getUint32(16, true) !== 0x4e4f534a) throw new Error('GLB: the first chunk is not JSON');
    return JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + length))) as GltfJson;
  }
  return JSON.parse(new TextDecoder().decode(bytes)) as GltfJson;
}

export function gltfBounds(bytes: Uint8Array): ModelBounds {
  const json = gltfJson(bytes);
  const min: [number, number, number] = [Infinity, Infinity, Infinity];
  const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const mesh of json.meshes ?? []) {
    for (const prim of mesh.primitives ?? []) {
      const a = prim.attributes?.POSITION;
      const acc = a === undefined ? undefined : json.accessors?.[a];
      if (!acc?.min || !acc.max) continue;
      for (let k = 0; k < 3; k++) {
        min[k] = Math.min(min[k], acc.min[k]);
        max[k] = Math.max(max[k], acc.max[k]);
      }
    }
  }
  if (!Number.isFinite(min[0])) throw new Error('the model has no mesh positions with min/max');
  return { min, max };
}
