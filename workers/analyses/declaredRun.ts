// The input and result of one declared analysis run (runDeclaredAnalysis.ts, the ENGINES entry
// `runDeclaredAnalysis`): what the page, the scenario runner and a batch runner send — parameters,
// never rasters — and what comes back: the declared outputs (common/analyses) of one variant. Light
// enough for the page's bundle (no engine is imported here).
import type { AnalysisEntry, AnalysisType } from '../../common/analyses/analyses.js';
import type { GridFrame, RasterGrid } from '../../common/rasterGrid.js';
import type { LonLat, Proposal, ScenarioArea } from '../../common/scenario/scenarioFormat.js';
import type { GeoJsonGeometry, Row } from '../../common/tableFormats.js';
import type { CityManifest } from '../../common/buildFormat.js';
import { areaCells, planSurfaceWindow, type Bounds5186 } from '../data/surfaceWindow.js';
import type { ModelBounds } from '../planning/proposalGeometry.js';
import { AREA_MARGIN_M, areaBounds5186 } from '../planning/analysisWindow.js';

export type Variant = 'before' | 'after';

export interface DeclaredRunInput {
  /** The city build's root URL: http(s) on the page and in web workers, file: in Node. */
  cityUrl: string;
  /** An entry of a scenario file's "analyses": the type and its parameters. */
  analysis: AnalysisEntry;
  area: ScenarioArea;
  /** The area exactly in EPSG:5186 (a batch run's tile); without it, the projected bounding box of `area`. */
  bounds5186?: Bounds5186;
  proposals?: Proposal[];
  /**
   * Where the sun is computed (one sun for the whole run); default the centre of the run's surface
   * window. A batch run pins its whole area's centre so that every tile sees the same sun.
   */
  sunSite?: LonLat;
  /** Bounds of glTF proposals' models by proposal id (read by the caller from the model files). */
  modelBounds?: Record<string, ModelBounds>;
  /** 'after' applies the proposals the way the declaration says (burnt in, prisms, walls, buildings). */
  variant: Variant;
  /** Rows [start, end) of the area's grid: the band this call computes (declared rowBands only). */
  rows?: [number, number];
  /** Rows of the area's grid (declaredSplitHeight), so band pools can split an input without a raster. */
  splitHeight?: number;
}

/** Rows of a table output, with each row's geometry for the GeoJSON export. */
export interface ResultTable {
  rows: Row[];
  /** Per row, in order: its geometry (WGS84) and properties that describe only the geometry (e.g. heights of a line). */
  features?: Array<{ geometry: GeoJsonGeometry | null; properties?: Row }>;
}

export type Facts = Record<string, number | string>;

export interface DeclaredRunResult {
  type: AnalysisType;
  variant: Variant;
  /** Raster outputs by declared name, cropped to the area (the viewshed: to its radius). */
  rasters: Record<string, RasterGrid>;
  tables: Record<string, ResultTable>;
  /** Raster series by declared name: `times.length` frames of the frame's cells, back to back. */
  rasterSeries: Record<string, { frame: GridFrame; times: number[]; values: Float32Array }>;
  /** Series by declared name: y at each x. */
  series: Record<string, { x: number[]; y: number[] }>;
  /** Facts of this run, the same in every row band (date, observer, water budget...). */
  facts: Facts;
  /** What the analysis could not do, one line each. */
  problems: string[];
  /** The surface models read and how the area sits on them (null when the analysis reads none). */
  surface: { areas: string[]; problems: string[] } | null;
  /** The band of the area's grid this result holds (row-band runs). */
  rows?: [number, number];
}

/** What an analysis's worker side returns for one variant (runDeclaredAnalysis adds the rest). */
export type VariantOutputs = Partial<Pick<DeclaredRunResult, 'rasters' | 'tables' | 'rasterSeries' | 'series' | 'facts' | 'problems' | 'rows'>>;

/** Figures of a before/after pair, and the tables the declaration exports joined. */
export interface Comparison {
  figures: Facts;
  tables?: Record<string, ResultTable>;
}

/** The area of a run in EPSG:5186. */
export function runBounds(input: Pick<DeclaredRunInput, 'area' | 'bounds5186'>): Bounds5186 {
  return input.bounds5186 ?? areaBounds5186(input.area);
}

/**
 * Rows of the area's grid for a row-band split of a declared run (pass as `splitHeight` and as the
 * pool's `height`), from the manifest alone: nothing is read.
 */
export function declaredSplitHeight(manifest: Pick<CityManifest, 'surface'>, area: ScenarioArea, bounds5186?: Bounds5186): number {
  const plan = planSurfaceWindow(manifest, runBounds({ area, bounds5186 }), AREA_MARGIN_M);
  return areaCells(plan.frame, plan.bounds).height;
}
