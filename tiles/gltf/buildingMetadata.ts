// EXT_structural_metadata for buildings: the schema (class "building", one property per
// BuildingProperties field) and the binary property table of one tile, written with
// gltf-transform's own EXT_structural_metadata implementation.
//
// Buffer views hold exactly count values (CesiumJS derives the count from byteLength); the 8-byte
// alignment the spec asks for is done afterwards by alignGlbBufferViews (glbChunks.ts).
//
// The schema is embedded in every GLB (not declared in tileset.json), so each tile is
// self-describing; Cesium reads it per content either way.
import type { Document } from '@gltf-transform/core';
import { EXTStructuralMetadata, type PropertyTable } from '@gltf-transform/extensions';
import type { BuildingProperties, HeightSource } from '../../common/buildFormat.js';

export const BUILDING_CLASS = 'building';
export const SCHEMA_ID = 'virtual_seoul_buildings';
/** Enum value order is part of the format: renderer code maps values back by these names. */
export const HEIGHT_SOURCES: HeightSource[] = ['measured', 'floors', 'default-by-use', 'citizen-edit'];

type Kind = 'STRING' | 'UINT16' | 'FLOAT32' | 'HEIGHT_SOURCE';
/**
 * Every BuildingProperties field and its metadata type; the Record type makes a missing field a
 * compile error. `optional` properties (not required by the class) are left out of a tile's table
 * when no building there has a value (an empty string column would be a 0-byte buffer view, which
 * glTF forbids); readers then get no value, as from builds made before the property existed.
 */
export const BUILDING_PROPERTY_TYPES: Record<keyof BuildingProperties, { kind: Kind; description: string; optional?: true }> = {
  id: { kind: 'STRING', description: 'Stable id across builds, e.g. osm:way/123' },
  sourceId: { kind: 'STRING', description: 'Id in the source data' },
  source: { kind: 'STRING', description: 'Source file relative to the source directory' },
  name: { kind: 'STRING', description: 'Name, empty when unnamed' },
  use: { kind: 'STRING', description: 'Use or category from the source' },
  floors: { kind: 'UINT16', description: 'Floors above ground, 0 when unknown' },
  height: { kind: 'FLOAT32', description: 'Top above base, metres' },
  minHeight: { kind: 'FLOAT32', description: 'Bottom above base, metres (canopies), else 0' },
  heightSource: { kind: 'HEIGHT_SOURCE', description: 'Where the height came from' },
  heightNote: { kind: 'STRING', description: 'How the height was chosen' },
  baseElevation: { kind: 'FLOAT32', description: 'Base height above the WGS84 ellipsoid, metres' },
  basementFloors: { kind: 'UINT16', description: 'Floors below ground recorded by a source, 0 when none', optional: true },
  mergedFrom: { kind: 'STRING', description: 'Other sources describing the same building and what each filled, one per line', optional: true },
  citizenEdits: { kind: 'STRING', description: 'Approved wiki edits applied and the attributes before them (JSON)', optional: true },
};

const encoder = new TextEncoder();

/** Adds schema + one property table holding `buildings` in order (feature id = index). */
export function addBuildingPropertyTable(doc: Document, buildings: readonly BuildingProperties[]): PropertyTable {
  const ext = doc.createExtension(EXTStructuralMetadata);
  const schema = ext.createSchema().setId(SCHEMA_ID).setName('Virtual Seoul buildings');
  const heightEnum = ext.createEnum().setName('HeightSource').setValueType('UINT8');
  HEIGHT_SOURCES.forEach((name, value) => heightEnum.addEnumValue(ext.createEnumValue().setName(name).setValue(value)));
  schema.setEnum('HeightSource', heightEnum);
  const cls = ext.createClass().setName('Building');
  const table = ext.createPropertyTable().setClass(BUILDING_CLASS).setCount(buildings.length);

  for (const key of Object.keys(BUILDING_PROPERTY_TYPES) as (keyof BuildingProperties)[]) {
    const { kind, description, optional } = BUILDING_PROPERTY_TYPES[key];
    const prop = ext.createClassProperty().setDescription(description);
    cls.setProperty(key, prop);
    if (optional && !buildings.some((b) => b[key])) {
      prop.setType(kind === 'STRING' ? 'STRING' : 'SCALAR');
      if (kind === 'UINT16') prop.setComponentType('UINT16');
      continue;
    }
    const value = ext.createPropertyTableProperty();
    if (kind === 'STRING') {
      prop.setType('STRING');
      const { values, offsets } = encodeStrings(buildings.map((b) => String(b[key] ?? '')));
      value.setValues(values).setStringOffsets(offsets).setStringOffsetType('UINT32');
    } else if (kind === 'HEIGHT_SOURCE') {
      prop.setType('ENUM').setEnumType('HeightSource');
      const a = new Uint8Array(buildings.length);
      buildings.forEach((b, i) => (a[i] = Math.max(0, HEIGHT_SOURCES.indexOf(b.heightSource))));
      value.setValues(a);
    } else if (kind === 'UINT16') {
      prop.setType('SCALAR').setComponentType('UINT16');
      const a = new Uint16Array(buildings.length);
      buildings.forEach((b, i) => (a[i] = clampU16(Number(b[key]))));
      value.setValues(new Uint8Array(a.buffer));
    } else {
      prop.setType('SCALAR').setComponentType('FLOAT32');
      const a = new Float32Array(buildings.length);
      buildings.forEach((b, i) => (a[i] = Number(b[key])));
      value.setValues(new Uint8Array(a.buffer));
    }
    table.setProperty(key, value);
  }
  schema.setClass(BUILDING_CLASS, cls);
  const meta = ext.createStructuralMetadata().setSchema(schema).addPropertyTable(table);
  doc.getRoot().setExtension('EXT_structural_metadata', meta);
  return table;
}

/**
 * UTF-8 bytes of all strings back to back, plus count+1 UINT32 offsets (spec: stringOffsets). When
 * every string is empty (e.g. a tile of unnamed buildings) the values hold one unused byte: glTF
 * forbids 0-byte buffer views, and the offsets alone say each string is empty.
 */
function encodeStrings(strings: string[]): { values: Uint8Array; offsets: Uint8Array } {
  const parts = strings.map((s) => encoder.encode(s));
  let total = 0;
  for (const p of parts) total += p.length;
  const values = new Uint8Array(Math.max(1, total));
  const offsets = new Uint32Array(strings.length + 1);
  let o = 0;
  parts.forEach((p, i) => {
    offsets[i] = o;
    values.set(p, o);
    o += p.length;
  });
  offsets[strings.length] = o;
  return { values, offsets: new Uint8Array(offsets.buffer) };
}

function clampU16(v: number): number {
  return Number.isFinite(v) ? Math.max(0, Math.min(65535, Math.round(v))) : 0;
}
