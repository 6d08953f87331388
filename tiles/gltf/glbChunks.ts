// Reading and rewriting the two chunks of a GLB (JSON + BIN), and 8-byte alignment of buffer views.
//
// Why: EXT_structural_metadata requires property-table buffer views to start on 8-byte
// boundaries, but gltf-transform writes them straight after the (meshopt-compressed) geometry,
// which is only 4-byte aligned. Repacking the BIN chunk afterwards is simpler than fighting the
// writer's internals and works for every buffer view, compressed or not.

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface GlbParts {
  json: any;
  bin: Uint8Array;
}

const MAGIC = 0x46546c67; // 'glTF'
const JSON_TYPE = 0x4e4f534a;
const BIN_TYPE = 0x004e4942;

export function readGlb(glb: Uint8Array): GlbParts {
  const dv = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  if (dv.getUint32(0, true) !== MAGIC) throw new Error('not a GLB (bad magic)');
  let offset = 12;
  let json: any = null;
  let bin: Uint8Array = new Uint8Array(0);
  while (offset + 8 <= glb.byteLength) {
    const length = dv.getUint32(offset, true);
    const type = dv.getUint32(offset + 4, true);
    const data = glb.subarray(offset + 8, offset + 8 + length);
    if (type === JSON_TYPE) json = JSON.parse(new TextDecoder().decode(data));
    else if (type === BIN_TYPE) bin = data;
    offset += 8 + length;
  }
  if (!json) throw new Error('GLB without a JSON chunk');
  return { json, bin };
}

export function writeGlb({ json, bin }: GlbParts): Uint8Array {
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonLen = Math.ceil(jsonBytes.length / 4) * 4;
  const binLen = Math.ceil(bin.length / 4) * 4;
  const total = 12 + 8 + jsonLen + (binLen > 0 ? 8 + binLen : 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonLen, true);
  dv.setUint32(16, JSON_TYPE, true);
  out.set(jsonBytes, 20);
  out.fill(0x20, 20 + jsonBytes.length, 20 + jsonLen);
  if (binLen > 0) {
    const o = 20 + jsonLen;
    dv.setUint32(o, binLen, true);
    dv.setUint32(o + 4, BIN_TYPE, true);
    out.set(bin, o + 8);
  }
  return out;
}

/** Moves every range of the GLB's embedded buffer (buffer 0) to an 8-byte aligned offset. */
export function alignGlbBufferViews(glb: Uint8Array): Uint8Array {
  const parts = readGlb(glb);
  const { json, bin } = parts;
  // Ranges that live in buffer 0: plain buffer views, and meshopt's compressed streams.
  const refs: { get: () => number; set: (v: number) => void; length: number }[] = [];
  for (const bv of json.bufferViews ?? []) {
    const mo = bv.extensions?.EXT_meshopt_compression;
    if (mo && mo.buffer === 0) refs.push({ get: () => mo.byteOffset ?? 0, set: (v) => (mo.byteOffset = v), length: mo.byteLength });
    if (bv.buffer === 0) refs.push({ get: () => bv.byteOffset ?? 0, set: (v) => (bv.byteOffset = v), length: bv.byteLength });
  }
  if (refs.every((r) => r.get() % 8 === 0)) return glb;
  // Keep the original order so views that share bytes (none are written that way) stay consistent.
  const sorted = [...refs].sort((a, b) => a.get() - b.get());
  const newBin = new Uint8Array(bin.length + 8 * sorted.length + 8);
  let cursor = 0;
  for (const r of sorted) {
    cursor = Math.ceil(cursor / 8) * 8;
    newBin.set(bin.subarray(r.get(), r.get() + r.length), cursor);
    r.set(cursor);
    cursor += r.length;
  }
  const finalLen = Math.ceil(cursor / 4) * 4;
  json.buffers[0].byteLength = finalLen;
  return writeGlb({ json, bin: newBin.subarray(0, finalLen) });
}
