// The in-memory city model: what the source readers produce and the writers (3D Tiles, terrain,
// ground layers, surface-model raster) consume. Coordinates are WGS84 lon/lat degrees.
import type { BuildingProperties } from '../../common/buildFormat.js';

/** A ring of [lon, lat] positions, NOT repeating the first position at the end, counter-clockwise for outer rings. */
export type Ring = [number, number][];

/** Outer ring first, holes after (holes clockwise). */
export type PolygonRings = Ring[];

export interface CityBuilding extends BuildingProperties {
  /** One or more polygons (a multipolygon building gives several). */
  polygons: PolygonRings[];
  /** Source patch/area the building belongs to (e.g. cheonggyecheon), used to group rasters. */
  area?: string;
}

/** Per source, in rank order: buildings read, kept as their own, replaced by a higher-ranked source's (mergeSources.ts). */
export interface SourceMergeCounts {
  source: string;
  rank: number;
  priority: number;
  date: string | null;
  read: number;
  kept: number;
  replaced: number;
}

export interface PairMergeCounts {
  /** The higher-ranked source, whose buildings were kept. */
  winner: string;
  other: string;
  /** Buildings of `winner` that at least one building of `other` matched. */
  kept: number;
  /** Buildings of `other` replaced by one of `winner`. */
  replaced: number;
  byId: number;
  byOverlap: number;
  /** Buildings of `winner` that got at least one attribute from `other`. */
  filled: number;
  filledFields: Record<string, number>;
  /** Replaced buildings whose recorded height differs by > 3 m and > 20 % from every matched winner's (the winner's kept). */
  heightConflicts: number;
  /** Id matches whose footprints do not overlap at all. */
  idWithoutOverlap: number;
  /** Buildings of `other` kept beside a `winner` building they overlap by 10 % to minOverlap. */
  partialOverlaps: number;
}

export interface MergeReport {
  rule: string;
  minOverlap: number;
  sources: SourceMergeCounts[];
  pairs: PairMergeCounts[];
}

/** An elevation grid of nodes (row 0 = north edge, column 0 = west edge), heights in metres. */
export interface ElevationGrid {
  name: string;
  source: string;
  /** Grid node bounds in degrees. */
  west: number;
  south: number;
  east: number;
  north: number;
  rows: number;
  columns: number;
  /** Row-major heights above the vertical datum named below; NaN where the source has no data. */
  values: Float32Array;
  verticalDatum: 'EGM96' | 'ellipsoid';
  /** Credit line from the sources config, when it gives one. */
  attribution?: string;
}

/** One problem found in the input, reported as a line and kept in build-report.json. */
export interface BuildIssue {
  file: string;
  featureId: string;
  problem: string;
  action: 'repaired' | 'skipped' | 'defaulted' | 'file-skipped' | 'note';
}

/** Receives issues and progress; the CLI prints them, tests collect them. */
export interface BuildLog {
  issue(issue: BuildIssue): void;
  progress(stage: string, done: number, total: number): void;
  info(message: string): void;
}

/**
 * Elevation everywhere the city needs it. Inside a source grid: bilinear over the grid; outside:
 * see the implementation's comment (no city-wide DEM exists in the data).
 */
export interface ElevationModel {
  grids: ElevationGrid[];
  /** Height above the WGS84 ellipsoid (what Cesium and the tileset use), metres. */
  ellipsoidHeightAt(lon: number, lat: number): number;
  /** Height above mean sea level (EGM96), metres: what the surface-model raster stores. */
  orthometricHeightAt(lon: number, lat: number): number;
  /** Whether (lon, lat) lies inside a measured grid. */
  isMeasured(lon: number, lat: number): boolean;
}

export interface CityModel {
  buildings: CityBuilding[];
  elevation: ElevationModel;
  /** Source files read, relative to the source directory. */
  sourceFiles: string[];
  /** Counts of repaired and skipped features while reading. */
  repaired: number;
  skipped: number;
  /** Buildings of lower-ranked sources replaced by the same building of a higher-ranked one. */
  merged: number;
  /** Credit lines of the sources whose buildings were built (sources config `attribution`). */
  attributions: string[];
  /** How the sources were merged (build-report.json); null with a single source. */
  merge: MergeReport | null;
}
