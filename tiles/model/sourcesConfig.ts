// The sources config: which files a city build reads. Optional; without it every building source of
// the shared data is merged (DEFAULT_SOURCES_FILE, tiles/sources/seoul-all.json). Validated with ajv so a typo gives a
// clear message instead of a silently empty city.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { CRS_DEFS } from '../../common/crs.js';
import { BUILDING_FORMATS, type BuildingFormat } from '../readers/registry.js';
import { CP949_READ_AS_LATIN1, type TextRepair } from '../readers/textRepair.js';
import type { FieldMap } from '../readers/types.js';

/**
 * Shape of a sources config file (JSON). Paths are relative to the source directory (or absolute);
 * a `*` in the file-name part matches several files. tiles/sources/seoul-all.json is a full example.
 *
 * {
 *   "buildings": [
 *     { "name": "official 2026", "path": "buildings/gangnam_station_al_d010_2026_buildings.geojson", "format": "geojson",
 *       "priority": 40, "date": "2026-05-09", "idScheme": "kr:bldg" },
 *     { "name": "official 2021", "path": "buildings/gangnam_teheran_building_register_2021_epsg5174.geojson",
 *       "format": "geojson", "crs": "EPSG:5174", "textRepair": "cp949-read-as-latin1",
 *       "priority": 30, "date": "2021-10-15", "idScheme": "kr:bldg" },
 *     { "path": "my/AL_D010_11.shp", "format": "shapefile", "crs": "EPSG:5186", "encoding": "cp949",
 *       "fields": { "height": "A16", "floors": "GRND_FLR", "name": "BLD_NM", "use": "DGM_NM", "id": "UFID" },
 *       "area": "jongno" }
 *   ],
 *   "merge": { "minOverlap": 0.5 },
 *   "elevation": [ { "path": "terrain/*_srtm30_grid.json" } ]
 * }
 *
 * - format: a key of BUILDING_READERS (tiles/readers/registry.ts): 'geojson' (FeatureCollection of
 *   Polygon/MultiPolygon), 'osm' (Overpass JSON or the dron_lab snapshot), 'shapefile' (.shp with
 *   .dbf/.prj/.cpg beside it).
 * - crs: one of CRS_DEFS (common/crs.ts); the coordinates' CRS when the file does not say (GeoJSON
 *   without `crs`, shapefile without .prj); overrides the .prj when both are given.
 * - encoding: .dbf text encoding when there is no .cpg (default cp949).
 * - textRepair: 'cp949-read-as-latin1' repairs names stored as CP949 bytes read as Latin-1
 *   (tiles/readers/textRepair.ts); any format.
 * - fields: attribute names (one or candidates in order) for height (m), floors, name, use, id,
 *   minHeight, basementFloors.
 * - area: groups the buildings for per-area rasters; default: the feature's `area` property, else
 *   the area of the building it replaced (merging), else the file name.
 * - attribution: the credit line shown when the source contributes buildings.
 * - allowOutsideCity: true builds the source's buildings outside Seoul's extent (Seoul with a ~10 km
 *   margin, tiles/model/featureLimits.ts); default: they are refused, one line per file.
 * - name, priority, date, idScheme: how sources merge (mergeSources.ts). Where sources describe the
 *   same building, the higher priority wins (default 0), then the newer date (YYYY, YYYY-MM or
 *   YYYY-MM-DD), then the earlier entry. Buildings of sources with the same idScheme are the same
 *   building when their ids are equal (default: 'osm:way' for OSM ids, else the file's own scheme);
 *   otherwise when their footprints overlap by at least `merge.minOverlap` (default 0.5) of the
 *   smaller footprint.
 * - elevation: elevation grids, earlier entries first where they overlap: SRTM-style grid JSON files
 *   (bounds, rows, columns, values row-major from the north-west), GeoTIFF (.tif, .tiff) or ESRI ASCII
 *   grid (.asc) rasters of heights above mean sea level, e.g. the national 5 m DEM:
 *   { "path": "dem/seoul_5m.tif", "crs": "EPSG:5186", "attribution": "국토지리정보원 수치표고모델" }.
 *   crs: an EPSG code proj4 knows (CRS_DEFS, or proj4's own such as UTM) or a proj4 definition
 *   "+proj=..."; default: the GeoTIFF's EPSG geokey or the .asc's .prj.
 */
export interface BuildingSourceConfig {
  path: string;
  format: BuildingFormat;
  /** 'EPSG:nnnn', one of CRS_DEFS (the schema checks it). */
  crs?: string;
  encoding?: 'cp949' | 'euc-kr' | 'utf-8';
  fields?: FieldMap;
  area?: string;
  textRepair?: TextRepair;
  /** Shown in the build report and the merge counts; default: the path. */
  name?: string;
  priority?: number;
  /** Date of the data: YYYY, YYYY-MM or YYYY-MM-DD. */
  date?: string;
  idScheme?: string;
  /** Credit line the app shows when this source contributes buildings (licence terms). */
  attribution?: string;
  /** Build its buildings outside the city's extent (featureLimits.ts CITY_EXTENT) too; default: refused with one line per file. */
  allowOutsideCity?: boolean;
}

export interface MergeConfig {
  /** Share of the smaller footprint two footprints must share to be the same building (0-1]. */
  minOverlap?: number;
}

export interface ElevationSourceConfig {
  path: string;
  /** CRS of a GeoTIFF or .asc: 'EPSG:nnnn' or '+proj=...'; overrides the file's own. */
  crs?: string;
  /** Credit line the app shows when the grid is used. */
  attribution?: string;
}

export interface SourcesConfig {
  buildings: BuildingSourceConfig[];
  merge?: MergeConfig;
  elevation?: ElevationSourceConfig[];
}

/** The folder of the shipped sources configs. */
export const SOURCES_DIR = fileURLToPath(new URL('../sources/', import.meta.url));
/** Every building source in the shared data, merged: the city `npm start` builds. */
export const DEFAULT_SOURCES_FILE = join(SOURCES_DIR, 'seoul-all.json');
/**
 * The two named OSM patches (Cheonggyecheon, Hongjecheon; the 35-building cityhall_gwanghwamun
 * sample is superseded by and duplicates this file): the small city the test suites and the
 * per-engine benchmarks build, in seconds rather than minutes.
 */
export const PATCH_SOURCES_FILE = join(SOURCES_DIR, 'osm-patches.json');

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
          textRepair: { enum: [CP949_READ_AS_LATIN1] },
          name: { type: 'string', minLength: 1 },
          priority: { type: 'number' },
          date: { type: 'string', pattern: '^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$' },
          idScheme: { type: 'string', pattern: '^[a-z][a-z0-9_-]*(:[a-z0-9_-]+)*$' },
          attribution: { type: 'string', minLength: 1 },
          allowOutsideCity: { type: 'boolean' },
          fields: {
            type: 'object',
            additionalProperties: false,
            properties: {
              height: fieldName,
              floors: fieldName,
              name: fieldName,
              use: fieldName,
              id: fieldName,
              minHeight: fieldName,
              basementFloors: fieldName,
            },
          },
        },
      },
    },
    merge: {
      type: 'object',
      additionalProperties: false,
      properties: { minOverlap: { type: 'number', exclusiveMinimum: 0, maximum: 1 } },
    },
    elevation: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { type: 'string', minLength: 1 },
          // Whether proj4 knows the code is checked when the file is read (one clear line per file).
          crs: { type: 'string', pattern: '^(EPSG:\\d+|\\+proj=.+)$' },
          attribution: { type: 'string', minLength: 1 },
        },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true, verbose: true });
const validate = ajv.compile<SourcesConfig>(SOURCES_CONFIG_SCHEMA);

/** Throws one readable error listing every problem (e.g. "/buildings/0/format must be one of ..."). */
export function parseSourcesConfig(doc: unknown, where = 'sources config'): SourcesConfig {
  if (validate(doc)) return doc;
  const lines = (validate.errors ?? []).map((e) => {
    const at = e.instancePath || '(root)';
    if (e.keyword === 'enum') return `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    if (e.keyword === 'pattern' && e.instancePath.endsWith('/crs'))
      return `${at} ${JSON.stringify(e.data)} must be "EPSG:<code>" or a proj4 definition "+proj=..."`;
    if (e.keyword === 'pattern')
      return `${at} ${JSON.stringify(e.data)} ${e.instancePath.endsWith('/date') ? 'is not a date YYYY, YYYY-MM or YYYY-MM-DD' : 'must be lower-case words joined by ":" (e.g. kr:bldg)'}`;
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
