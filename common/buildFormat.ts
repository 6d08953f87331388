// The layout and manifest of a city build: the one contract between the pipeline (tiles/),
// the host that serves a build (main/) and the renderer that draws it. Pure types and constants,
// so every process may import it.

export const BUILD_FORMAT_VERSION = 1;

/** File names inside a city build folder, relative to its root. */
export const BUILD_PATHS = {
  manifest: 'manifest.json',
  report: 'build-report.json',
  tileset: 'tiles/tileset.json',
  terrainRoot: 'terrain', // Cesium heightmap-1.0 terrain: terrain/layer.json + terrain/{z}/{x}/{y}.terrain
  layersDir: 'layers',
  dsmDir: 'dsm',
} as const;

/** Where a building's height came from; shown to users as provenance. */
export type HeightSource = 'measured' | 'floors' | 'default-by-use';

/** Properties every building feature carries in the tileset (EXT_structural_metadata class "building"). */
export interface BuildingProperties {
  /** Stable id across builds, e.g. "osm:way/123456" or "shp:<file>:<fid>". */
  id: string;
  /** The id in the source data (OSM way id, shapefile key). */
  sourceId: string;
  /** Source file name relative to the source directory. */
  source: string;
  name: string; // '' when unnamed
  use: string; // source use/category, e.g. OSM building=* value
  floors: number; // 0 when unknown
  height: number; // metres, top above base
  minHeight: number; // metres, bottom above base (roof canopies), else 0
  heightSource: HeightSource;
  /** Free text explaining the height choice, e.g. "OSM height tag", "levels x 3.3 m". */
  heightNote: string;
  baseElevation: number; // metres above the ellipsoid (WGS84) where the walls start
  /** Floors below ground a source records (building register UGRND_FLR); 0 when none is recorded. Absent in older builds. */
  basementFloors?: number;
  /**
   * The other sources describing the same building (merged into this one), one per line:
   * "<file> [<source id>] same id|footprint overlap 87 %: filled name, use|nothing new"; '' when none.
   * Absent in older builds.
   */
  mergedFrom?: string;
}

export interface GroundLayerInfo {
  id: 'water' | 'parks' | 'districts' | 'roads' | string;
  /** Path relative to the build root. */
  path: string;
  kind: 'polygon' | 'line';
  featureCount: number;
  /** Attribution text shown in the credits. */
  attribution: string;
  defaultVisible: boolean;
  /** lon/lat box [west, south, east, north] of the features (absent in older builds). */
  bbox?: [number, number, number, number];
  /** The layer drawn into imagery tiles (absent in older builds: the renderer drapes the GeoJSON then). */
  imagery?: GroundImageryInfo;
}

/**
 * A ground layer as 256 x 256 PNG tiles in the geographic tiling scheme (EPSG:4326, 2 x 1 tiles at
 * level 0, y counted from the north: Cesium's GeographicTilingScheme), levels 0..maxLevel.
 */
export interface GroundImageryInfo {
  /** URL template relative to the build root, e.g. 'layers/parks/{z}/{x}/{y}.png'. */
  tiles: string;
  /**
   * JSON { available: TileRange[][] } (common/tileRanges.ts), per level the tiles that exist. A tile
   * not listed is blank or one colour throughout, like its parent's pixels over it: draw the parent.
   */
  availablePath: string;
  maxLevel: number;
  tileCount: number;
  bytes: number;
}

export interface DsmRasterInfo {
  area: string;
  /** GeoTIFF path (EPSG:5186), relative to build root. */
  path: string;
  /** Raw Float32 little-endian grid (row 0 = north), same cells as the GeoTIFF, for workers. */
  rawPath: string;
  epsg: 5186;
  width: number;
  height: number;
  cellSize: number;
  /** Upper-left corner of the upper-left cell in EPSG:5186 (x east, y north). */
  originX: number;
  originY: number;
  noData: number;
}

/**
 * A point layer (fire facilities, sensor sites): positions as raw Float32 little-endian lon/lat
 * pairs RELATIVE to `origin` (degrees; offsets keep Float32 at millimetre precision), plus a
 * columnar JSON attribute file `{ "columns": { name: values[] } }`, row i = point i.
 */
export interface PointLayerInfo {
  /** e.g. 'fire-hydrants', 'fire-emergency-devices', 'fire-stations', 'sdot-sites'. */
  id: string;
  /** Layer-list group, e.g. 'fire', 'sensors'. */
  group: string;
  count: number;
  positionsPath: string;
  origin: [number, number];
  attributesPath: string;
  /** Column holding the stable id of each point (e.g. facility_no). */
  idColumn: string;
  /** Columns whose values are unverified and must be shown as such: column -> note. */
  caveats: Record<string, string>;
  /** Source rows not written (bad coordinates, broken rows, duplicate ids; each in build-report.json). */
  rejected: number;
  source: string;
  attribution: string;
  defaultVisible: boolean;
}

/** Building footprints for analyses (outer rings, lon/lat): see tiles/layers/writeFootprints.ts. */
export interface FootprintsInfo {
  path: string;
  count: number;
}

/** Content of the footprints file (FootprintsInfo.path): column per attribute, rings packed. */
export interface FootprintsFile {
  ids: string[];
  names: string[];
  uses: string[];
  heights: number[];
  floors: number[];
  /** Floors below ground recorded by a source, 0 when none (absent in older builds). */
  basementFloors?: number[];
  /** Start of each building's ring in lonLat pairs; one extra entry at the end. */
  offsets: number[];
  /** lon, lat pairs, 7 decimals (~1 cm). */
  lonLat: number[];
}

export interface BuildSummary {
  buildingsBuilt: number;
  buildingsRepaired: number;
  buildingsSkipped: number;
  /** Buildings of lower-ranked sources replaced by the same building of a higher-ranked source (absent in older builds). */
  buildingsMerged?: number;
  heightSources: Record<HeightSource, number>;
  tileCount: number;
  tileBytes: number;
  seconds: number;
}

export interface CityManifest {
  formatVersion: number;
  builtAt: string;
  sourceDir: string;
  /** Where the app camera starts: lon, lat in degrees, height in metres (ellipsoid). */
  home: { lon: number; lat: number; height: number; heading: number; pitch: number };
  /** lon/lat bounding box of all buildings: [west, south, east, north] in degrees. */
  bbox: [number, number, number, number];
  /**
   * The whole city [west, south, east, north] (the district boundaries' box, else the buildings'):
   * what terrain and ground layers cover and the "All of Seoul" view shows. Absent in older builds.
   */
  extent?: [number, number, number, number];
  tileset: string;
  terrain: { path: string; format: 'heightmap-1.0'; geoidOffsetApplied: boolean; note: string } | null;
  layers: GroundLayerInfo[];
  dsm: DsmRasterInfo[];
  attributions: string[];
  summary: BuildSummary;
  /** Point layers (absent in builds made before they existed). */
  pointLayers?: PointLayerInfo[];
  /** Building footprints for the analysis workers (absent in older builds). */
  footprints?: FootprintsInfo;
}
