// What every building reader hands to the model builder: features as read (WGS84, not yet
// validated or repaired) plus the problems found in the file.
import type { BuildIssue } from '../model/cityModel.js';

/** A position as read: [lon, lat] in WGS84 degrees; may hold NaN when the source was broken. */
export type RawPosition = number[];
/** Rings of one polygon, outer first; possibly unclosed, dirty or wound either way. */
export type RawPolygon = RawPosition[][];

/** Building attributes normalised from whatever field names the source used. */
export interface SourceAttributes {
  name: string;
  /** Use/category as given (OSM building=* value, Korean use name, code). '' when absent. */
  use: string;
  /** Height in metres as given by the source; null when absent or not a number. */
  height: number | null;
  floors: number | null;
  minHeight: number | null;
  /** Floors below ground as recorded (building register UGRND_FLR); null or absent when the source has none. */
  basementFloors?: number | null;
  /** How the source says the height was obtained (dron_lab `height_basis`), null when not said. */
  heightBasis: string | null;
  /** Sub-area the source assigns (e.g. cheonggyecheon / hongjecheon); null when none. */
  area: string | null;
}

export interface RawFeature {
  /** Source file, relative to the source directory. */
  file: string;
  /** The id in the source (OSM way id, shapefile record number or key field). */
  sourceId: string;
  /** Id namespace for the stable id, e.g. 'osm:way' or 'shp:<file>'. */
  idPrefix: string;
  polygons: RawPolygon[];
  attributes: SourceAttributes;
}

export interface ReadResult {
  features: RawFeature[];
  issues: BuildIssue[];
}

/** Which source fields hold the building attributes. Each entry is one name or candidates in order. */
export interface FieldMap {
  height?: string | string[];
  floors?: string | string[];
  name?: string | string[];
  use?: string | string[];
  id?: string | string[];
  minHeight?: string | string[];
  basementFloors?: string | string[];
}

export interface ReadOptions {
  /** Path shown in issues and stored as the building's source (relative to the source dir). */
  displayName: string;
  /** CRS of the coordinates when the file does not say (GeoJSON default: EPSG:4326). */
  crs?: string;
  fields?: FieldMap;
  /** Text encoding of shapefile .dbf attributes when there is no .cpg. */
  encoding?: string;
}
