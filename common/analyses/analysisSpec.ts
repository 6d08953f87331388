// What an analysis IS, declared once as data: its engine, its parameters (JSON Schema, defaults,
// examples: a scenario file's entry for the analysis is exactly these parameters), the parts of
// the city it reads, how its work splits, and its outputs (rasters with unit, colour ramp and
// legend; tables with columns; figures) with their export formats. The scenario schema
// (common/scenario/scenarioSchema.ts), the worker-side runner (workers/analyses/) and the headless
// runner (scenarios/) are derived from these declarations; the page's panels and result layers
// can be too. DOM-, Cesium- and Node-free, like all of common/.

export type LonLat = [number, number];

/**
 * Metres of surface model kept around an analysis area: a 60 m building's winter-solstice shadow
 * at 09:00 KST (sun about 10° high) is ~340 m long, so buildings just outside still cast their
 * shadows in and block views. Proposals are burnt into this window (their base is the lowest
 * surface near them), and analyses cut their own window (margin up to this) from it.
 */
export const AREA_MARGIN_M = 400;

/** A text shown to people, in every language the app speaks. */
export interface LocalText {
  en: string;
  ko: string;
}

export type Rgb = [number, number, number];

/** Value stops with colours, interpolated linearly (or as classes); see colourRamps.ts. */
export interface ColourRampSpec {
  /** Ascending values with their colours; values below the first / above the last clamp. */
  stops: Array<{ value: number; colour: Rgb }>;
  /** Opacity 0..255 of coloured cells (default 190). */
  alpha?: number;
  /** Classes instead of a gradient: a value takes the colour of the last stop at or below it. */
  classes?: boolean;
}

/**
 * The engines declarations name: keys of ENGINES in workers/analysisWorker.ts. common/ cannot import
 * workers/, so the names are spelled here and workers/analyses/analysisRunners.ts fails to compile
 * when one of them is not an engine.
 */
export type DeclaredEngineName =
  | 'groundSunHours'
  | 'facadeSun'
  | 'computeViewshed'
  | 'computeTargetShares'
  | 'simulateRainFlood'
  | 'fillConnected'
  | 'simulateWind'
  | 'computeCoverage'
  | 'rankHazard';

/** A JSON Schema (draft-07 subset ajv checks) of one parameter. */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface ParameterSpec<P extends object> {
  /** Schema of every parameter (the scenario entry's fields besides "type"); no other field is allowed. */
  properties: { [K in keyof P & string]-?: JsonSchema };
  required?: Array<keyof P & string>;
  /** Values used when a parameter is left out (engine defaults are not repeated here). */
  defaults: Partial<P>;
  /** Valid entries, checked against the assembled schema by the unit tests. */
  examples: P[];
}

/** What an analysis reads from the city build; every part goes through workers/data. */
export interface AnalysisInputs {
  /**
   * The surface model cut to the area plus this margin (metres; at most AREA_MARGIN_M, 400).
   * `forProposals`: read only to place the proposals (their base is its ground), so a run without
   * proposals reads none and works outside every surface model.
   */
  surface?: { marginM: number; forProposals?: boolean };
  /** analysis/footprints.json */
  footprints?: boolean;
  /** Ground layers by id (layers/<id>.geojson). */
  groundLayers?: string[];
  /** Point layers by id (positions + attributes). */
  pointLayers?: string[];
  /** The 3D Tiles GLBs (ray casting against the 3D city). */
  tileset?: boolean;
  /**
   * How the scenario's proposals reach the engine in the 'after' run: burnt into the surface
   * model, as 3D prisms, as flood walls, or as extra buildings.
   */
  proposals: Array<'surface' | 'prisms' | 'walls' | 'buildings'>;
}

export interface SplitSpec {
  /** Row bands of the area's grid across the cores of one machine (workers/pool, the page's band workers). */
  rowBands: boolean;
  /** Tiles of a citywide batch run, each run with this much input around it (metres); null: cannot be tiled. */
  tileHaloM: number | null;
  /** The parameter whose value is the halo when given (e.g. the viewshed's radius). */
  tileHaloParameter?: string;
  /** Why: shown to whoever plans a batch run. */
  reason: string;
}

export type ExportFormat = 'geotiff' | 'csv' | 'geojson';

/** The smallest and largest value of a drawn grid (no-data left out). */
export interface ValueRange {
  min: number;
  max: number;
}

export interface RasterOutputSpec<P extends object = object> {
  kind: 'raster';
  label: LocalText;
  /** Unit of the values as exported ('h', 'm', 'min', 'ratio', 'class'). */
  unit: string;
  legend: { title: LocalText; unit: LocalText };
  ramp: ColourRampSpec;
  /**
   * Ramp stops are multiples of this (sun hours: the window's length in hours); default 1. Given the
   * drawn grid's value range, a scale may follow the data (arrival: the latest arrival).
   */
  rampScale?: (parameters: P, values?: ValueRange) => number;
  /** Labels of the ramp's classes, in stop order (class ramps). */
  classLabels?: LocalText[];
  /** Values below this are not drawn (thin water films). */
  drawMin?: number;
  /** Whether after − before means something: a scenario then also exports the difference. */
  difference: boolean;
  exports: Array<'geotiff'>;
  /** Export file name after the analysis prefix: `<n>-<type><suffix>-before.tif`. */
  fileSuffix: string;
}

export interface ColumnSpec {
  key: string;
  label: LocalText;
  unit?: string;
}

export interface TableOutputSpec {
  kind: 'table';
  label: LocalText;
  /** The rows of one run (before or after), in this column order. `{target}` stands for each view target. */
  columns: ColumnSpec[];
  /** Each row's geometry in the GeoJSON export (WGS84), or null for none. */
  geometry: 'point' | 'line' | 'polygon' | null;
  /**
   * How a scenario exports before and after: 'joined', one table matching the rows up (these
   * columns; the worker side builds it), or 'each', the before and after tables as they are.
   */
  comparison: { kind: 'joined'; columns: ColumnSpec[] } | { kind: 'each' };
  exports: Array<'csv' | 'geojson'>;
  /** Export file name after the analysis prefix: `<n>-<type><suffix>.csv` (joined) or `…-before.csv`. */
  fileSuffix: string;
}

/** Rasters over time on one grid (the flood's depth every few minutes): the page animates them; not exported. */
export interface RasterSeriesOutputSpec {
  kind: 'rasterSeries';
  label: LocalText;
  unit: string;
  legend: { title: LocalText; unit: LocalText };
  ramp: ColourRampSpec;
  drawMin?: number;
  /** Unit of the frames' times. */
  timeUnit: 's';
}

/** Numbers along the run (the wind's residual per check): the page charts them; not exported. */
export interface SeriesOutputSpec {
  kind: 'series';
  label: LocalText;
  unit: string;
  x: { label: LocalText; unit: string };
  /** Shown on a log scale. */
  log?: boolean;
}

export type OutputSpec<P extends object = object> = RasterOutputSpec<P> | TableOutputSpec | RasterSeriesOutputSpec | SeriesOutputSpec;

/** A number or text of a before/after comparison, as summary.json reports it. */
export interface FigureSpec {
  label: LocalText;
  unit?: string;
}

export interface AnalysisDeclaration<T extends string = string, P extends object = object> {
  type: T;
  label: LocalText;
  /** One paragraph for the schema and the docs (English). */
  description: string;
  engine: DeclaredEngineName;
  parameters: ParameterSpec<P>;
  inputs: AnalysisInputs;
  split: SplitSpec;
  outputs: Record<string, OutputSpec<P>>;
  figures: Record<string, FigureSpec>;
}

/** Keeps a declaration's literal type and checks it against the interface. */
export function declareAnalysis<T extends string, P extends object>(d: AnalysisDeclaration<T, P>): AnalysisDeclaration<T, P> {
  return d;
}

/** A figure reported for each run: `<key>Before` and `<key>After`. */
export function beforeAndAfter(key: string, label: LocalText, unit?: string): Record<string, FigureSpec> {
  return {
    [`${key}Before`]: { label: { en: `${label.en} (before)`, ko: `${label.ko} (전)` }, unit },
    [`${key}After`]: { label: { en: `${label.en} (after)`, ko: `${label.ko} (후)` }, unit },
  };
}
