// What one analysis of a headless scenario run reports, and the surface-model window it runs on;
// shared by the runner (scenarioRun.ts) and the building analyses (scenarioBuildings.ts).
import type { DsmRasterInfo } from '../common/buildFormat.js';
import type { RasterGrid } from '../common/rasterGrid.js';
import type { AnalysisSpec } from '../common/scenario/scenarioFormat.js';

export interface AnalysisSummary {
  type: AnalysisSpec['type'];
  index: number;
  files: string[];
  figures: Record<string, number | string>;
  problems: string[];
  seconds: number;
}

export interface AreaWindow {
  info: DsmRasterInfo;
  /** The area (+ margin) cut from the DSM: the grid engines run on. */
  surface: RasterGrid;
  /** EPSG:5186 bounds of the area itself (results are cropped to it). */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  problems: string[];
}
