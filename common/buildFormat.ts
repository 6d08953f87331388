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
  /** Per-area surface-model rasters of earlier builds (DsmRasterInfo); small builds still write them for the page's panels. */
  dsmDir: 'dsm',
  /** The tiled surface model (SurfaceModelInfo): surface/<e>_<n>.tile. */
  surfaceDir: 'surface',
} as const;

/** Where a building's height came from; shown to users as provenance ('citizen-edit': floors from an approved wiki edit, common/buildingEdits.ts). */
export type HeightSource = 'measured' | 'floors' | 'default-by-use' | 'citizen-edit';

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
  /**
   * The approved wiki edits the build applied (JSON of CitizenEditRecord, common/buildingEdits.ts:
   * the edits with who approved them and when, and the attributes before them); '' when none.
   * Absent in older builds.
   */
  citizenEdits?: string;
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

/**
 * Every building of the build drawn into imagery tiles (GroundImageryInfo's tiling), coloured by
 * where its height came from, for the far views where the 3D buildings are sub-pixel or only the
 * tallest are loaded (tiles/layers/writeBuildingOverview.ts). A pixel's colour is the class covering
 * most of it, its alpha the share of it that buildings cover, up to `fullCoverage` (drawn opaque).
 */
export interface BuildingOverviewInfo extends GroundImageryInfo {
  /** The classes in palette order: one per height source (common/buildingOverview.ts). */
  classes: { source: HeightSource; colour: string }[];
  fullCoverage: number;
  buildings: number;
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
 * The one tile grid of the city's surface model, EPSG:5186: tile (e, n) covers x from e * tileSize to
 * (e + 1) * tileSize and y from n * tileSize to (n + 1) * tileSize metres (the national 1 km grid,
 * named by its south-west corner in km), in 1 m cells. Every build uses it, so windows of any
 * build, tile or export line up cell for cell.
 */
export const SURFACE_TILE_GRID = {
  epsg: 5186,
  /** Tile edge in metres. */
  tileSize: 1000,
  /** Cell edge in metres. */
  cellSize: 1,
  /** Terrain lattice spacing in cells (divides the tile's cells): the elevation model is sampled at every step-th cell centre, bilinear between. */
  terrainStep: 4,
  noData: -9999,
} as const;

/** A group of buildings (the sources' `area`) and the cells around it, for names in reports and per-area exports. */
export interface SurfaceAreaInfo {
  area: string;
  buildings: number;
  /** The buildings' box plus 100 m, on whole cells (EPSG:5186): what a per-area raster covered. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * The surface model (terrain + buildings, orthometric metres, 1 m cells in EPSG:5186) for the whole
 * build as tiles of SURFACE_TILE_GRID, derived on demand: each tile file holds the terrain lattice
 * and the building prisms that touch it, and workers/data turns any window into cells (the value of
 * a cell is the terrain bilinear between its lattice nodes, raised to the top of every building whose
 * footprint covers its centre). Layout of a tile file: workers/data/surfaceTile.ts.
 */
export interface SurfaceModelInfo {
  format: 'prism-tiles-1';
  epsg: 5186;
  /** Tile edge in metres, cell edge in metres, terrain lattice step in cells: SURFACE_TILE_GRID's. */
  tileSize: number;
  cellSize: number;
  terrainStep: number;
  /** Value of cells outside every tile. */
  noData: number;
  /** Folder of the tile files, relative to the build root: <dir>/<e>_<n>.tile. */
  dir: string;
  /** The tiles there are, [e, n] (south-west corner / tileSize), ordered north to south, west to east. */
  tiles: Array<[number, number]>;
  /** Bytes of all tile files. */
  bytes: number;
  /** The building areas, with the cells each covers. */
  areas: SurfaceAreaInfo[];
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
  /** Approved wiki edits the build applied, and those naming a building it does not have (absent when no wiki store was read). */
  citizenEdits?: { applied: number; missing: number };
  /** The surface-model stage: tiles written, their bytes, seconds (absent when the stage did not run). */
  surface?: { tiles: number; bytes: number; seconds: number };
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
  /**
   * Per-area surface-model rasters for the page's older panels: written only for small builds (see
   * tiles/raster/writeAreaRasters.ts) and empty otherwise; analyses read `surface`.
   */
  dsm: DsmRasterInfo[];
  /** The tiled surface model every analysis reads (absent in older builds and builds made without it). */
  surface?: SurfaceModelInfo;
  attributions: string[];
  summary: BuildSummary;
  /** Point layers (absent in builds made before they existed). */
  pointLayers?: PointLayerInfo[];
  /** The building overview for far views (absent in older builds and builds made without it). */
  buildingOverview?: BuildingOverviewInfo;
  /** Building footprints for the analysis workers (absent in older builds). */
  footprints?: FootprintsInfo;
  /**
   * The buildings whose attributes carry approved wiki edits (BuildingProperties.citizenEdits), so a
   * page can take back an edit reverted since the build; absent when the build read no wiki store.
   */
  citizenEdits?: CitizenEditsInfo;
}

export interface CitizenEditsInfo {
  /** The wiki store read (a path on the building machine, for people). */
  store: string;
  /** Ids of the buildings with applied edits. */
  buildings: string[];
}
