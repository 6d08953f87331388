// The building property table of a tile GLB (EXT_structural_metadata), decoded straight from its
// BIN chunk as a reader of the build gets it: per feature, every property the schema declares.
import { expect } from 'vitest';
import { readGlb } from '../../tiles/gltf/glbChunks.js';

interface SchemaProperty {
  type: 'STRING' | 'SCALAR' | 'ENUM';
  componentType?: 'UINT8' | 'UINT16' | 'FLOAT32';
  enumType?: string;
}

function tableOf(glb: Uint8Array) {
  const { json, bin } = readGlb(glb);
  const meta = json.extensions.EXT_structural_metadata;
  const table = meta.propertyTables[0];
  const view = (i: number) => {
    const bv = json.bufferViews[i];
    expect(bv.byteOffset % 8).toBe(0); // EXT_structural_metadata alignment rule
    return bin.subarray(bv.byteOffset, bv.byteOffset + bv.byteLength);
  };
  return { meta, table, view, count: table.count as number };
}

/** Strings of a property of property table 0. */
export function tableStrings(glb: Uint8Array, property: string): string[] {
  const { table, view, count } = tableOf(glb);
  const p = table.properties[property];
  const values = view(p.values);
  const offsetsBytes = view(p.stringOffsets);
  const offsets = new Uint32Array(offsetsBytes.buffer.slice(offsetsBytes.byteOffset, offsetsBytes.byteOffset + (count + 1) * 4));
  const dec = new TextDecoder();
  return Array.from({ length: count }, (_, i) => dec.decode(values.subarray(offsets[i], offsets[i + 1])));
}

/** Every feature of the tile with every property its table has (enums by name; a property left out of the table is absent). */
export function tableRows(glb: Uint8Array): Array<Record<string, string | number>> {
  const { meta, table, view, count } = tableOf(glb);
  const schema = meta.schema.classes[table.class].properties as Record<string, SchemaProperty>;
  const rows = Array.from({ length: count }, () => ({}) as Record<string, string | number>);
  for (const [name, p] of Object.entries(table.properties as Record<string, { values: number }>)) {
    const type = schema[name];
    let values: ArrayLike<string | number>;
    if (type.type === 'STRING') values = tableStrings(glb, name);
    else {
      const bytes = view(p.values).slice();
      if (type.type === 'ENUM') {
        const names = (meta.schema.enums[type.enumType!].values as Array<{ name: string; value: number }>).sort((a, b) => a.value - b.value);
        values = Array.from(bytes.subarray(0, count), (v) => names[v].name);
      } else values = type.componentType === 'UINT16' ? new Uint16Array(bytes.buffer, 0, count) : new Float32Array(bytes.buffer, 0, count);
    }
    for (let i = 0; i < count; i++) rows[i][name] = values[i];
  }
  return rows;
}
