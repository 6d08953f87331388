// The building-footprint formats a sources config may name, each with its reader. loadCity picks
// the reader here and the sources-config schema takes its `format` enum from here, so adding a
// format is one reader module (read(path, options) -> ReadResult) plus one line below.
import { readGeoJsonBuildings } from './geojson.js';
import { readOsmBuildings } from './osm.js';
import { readShapefileBuildings } from './shapefile.js';
import type { ReadOptions, ReadResult } from './types.js';

/** The sources-config options a reader may honour (path, format and area belong to every source). */
export const READER_OPTIONS = ['crs', 'encoding', 'fields'] as const;
export type ReaderOption = (typeof READER_OPTIONS)[number];

export interface BuildingReader {
  /** Reads one file. Problems become issues in the result; it throws only on a bug. */
  read(path: string, options: ReadOptions): Promise<ReadResult>;
  /** The options this reader uses; loadCity notes any other one a source sets. */
  options: readonly ReaderOption[];
}

export const BUILDING_READERS = {
  // FeatureCollection of Polygon/MultiPolygon; a legacy `crs` member wins over the configured crs.
  geojson: { read: readGeoJsonBuildings, options: ['crs', 'fields'] },
  // Overpass JSON (out geom or node references, multipolygon relations) or the osm/ snapshot.
  osm: { read: readOsmBuildings, options: [] },
  // .shp with .dbf/.prj/.cpg beside it: CP949 text unless a .cpg says otherwise, CRS from the .prj.
  shapefile: { read: readShapefileBuildings, options: ['crs', 'encoding', 'fields'] },
} as const satisfies Record<string, BuildingReader>;

export type BuildingFormat = keyof typeof BUILDING_READERS;

/** In registry order (the order the schema's error message lists them). */
export const BUILDING_FORMATS = Object.keys(BUILDING_READERS) as BuildingFormat[];

export function buildingReaderFor(format: BuildingFormat): BuildingReader {
  return BUILDING_READERS[format];
}

/** The options a source sets that its reader does not use (loadCity says so instead of ignoring them silently). */
export function unusedReaderOptions(reader: BuildingReader, source: Partial<Record<ReaderOption, unknown>>): ReaderOption[] {
  return READER_OPTIONS.filter((o) => source[o] !== undefined && !reader.options.includes(o));
}
