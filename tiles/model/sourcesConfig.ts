// The sources config: which files a city build reads. Optional; without it the default Seoul data
// in the source directory is used (see DEFAULT_SOURCES). Validated with ajv so a typo gives a
// clear message instead of a silently empty city.
import { readFile } from 'node:fs/promises';
import Ajv from 'ajv';
import { CRS_DEFS } from '../../common/crs.js';
import { BUILDING_FORMATS, type BuildingFormat } from '../readers/registry.js';
import type { FieldMap } from '../readers/types.js';

/**
 * Shape of a sources config file (JSON). Paths are relative to the source directory (or absolute);
 * a `*` in the file-name part matches several files.
 *
 * {
 *   "buildings": [
 *     { "path": "buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson", "format": "geojson" },
 *     { "path": "my/AL_D010_11.shp", "format": "shapefile", "crs": "EPSG:5186", "encoding": "cp949",
 *       "fields": { "height": "A16", "floors": "GRND_FLR", "name": "BLD_NM", "use": "DGM_NM", "id": "UFID" },
 *       "area": "jongno" }
 *   ],
 *   "elevation": [ { "path": "terrain/*_srtm30_grid.json" } ]
 * }
 *
 * - format: a key of BUILDING_READERS (tiles/readers/registry.ts): 'geojson' (FeatureCollection of
 *   Polygon/MultiPolygon), 'osm' (Overpass JSON or the dron_lab snapshot), 'shapefile' (.shp with
 *   .dbf/.prj/.cpg beside it).
 * - crs: one of CRS_DEFS (common/crs.ts); the coordinates' CRS when the file does not say (GeoJSON
 *   without `crs`, shapefile without .prj); overrides the .prj when both are given.
 * - encoding: .dbf text encoding when there is no .cpg (default cp949).
 * - fields: attribute names (one or candidates in order) for height (m), floors, name, use, id, minHeight.
 * - area: groups the buildings for per-area rasters; default: the feature's `area` property, else the file name.
 * - elevation: SRTM-style grid JSON files (bounds, rows, columns, values row-major from the north-west).
 */
export interface BuildingSourceConfig {
  path: string;
  format: BuildingFormat;
  /** 'EPSG:nnnn', one of CRS_DEFS (the schema checks it). */
  crs?: string;
  encoding?: 'cp949' | 'euc-kr' | 'utf-8';
  fields?: FieldMap;
  area?: string;
}

export interface ElevationSourceConfig {
  path: string;
}

export interface SourcesConfig {
  buildings: BuildingSourceConfig[];
  elevation?: ElevationSourceConfig[];
}

export const DEFAULT_SOURCES: SourcesConfig = {
  // The 35-building cityhall_gwanghwamun sample is superseded by (and duplicates) this file.
  buildings: [{ path: 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson', format: 'geojson' }],
  elevation: [{ path: 'terrain/*_srtm30_grid.json' }],
};

const fieldName = {
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  ],
};

export const SOURCES_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['buildings'],
  properties: {
    $schema: { type: 'string' },
    buildings: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'format'],
        properties: {
          path: { type: 'string', minLength: 1 },
          format: { enum: BUILDING_FORMATS },
          crs: { enum: Object.keys(CRS_DEFS) },
          encoding: { enum: ['cp949', 'euc-kr', 'utf-8'] },
          area: { type: 'string', minLength: 1 },
          fields: {
            type: 'object',
            additionalProperties: false,
            properties: { height: fieldName, floors: fieldName, name: fieldName, use: fieldName, id: fieldName, minHeight: fieldName },
          },
        },
      },
    },
    elevation: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['path'], properties: { path: { type: 'string', minLength: 1 } } },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile<SourcesConfig>(SOURCES_CONFIG_SCHEMA);

/** Throws one readable error listing every problem (e.g. "/buildings/0/format must be one of ..."). */
export function parseSourcesConfig(doc: unknown, where = 'sources config'): SourcesConfig {
  if (validate(doc)) return doc;
  const lines = (validate.errors ?? []).map((e) => {
    const at = e.instancePath || '(root)';
    if (e.keyword === 'enum') return `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    if (e.keyword === 'additionalProperties') return `${at} has unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    return `${at} ${e.message ?? 'is invalid'}`;
  });
  throw new Error(`${where} is invalid:\n  ${[...new Set(lines)].join('\n  ')}`);
}

export async function readSourcesConfig(path: string): Promise<SourcesConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read sources config ${path}: ${(err as Error).message}`, { cause: err });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`sources config ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return parseSourcesConfig(doc, `sources config ${path}`);
}
