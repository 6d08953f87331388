// What one declared run knows and loads: its input, the area in EPSG:5186, the city's data (through
// workers/data, cached per worker), the surface window with the proposals applied, the row band,
// and progress/cancel scaled into the run's stages. The analyses' worker sides use it.
import { AREA_MARGIN_M } from '../../common/analyses/analysisSpec.js';
import { declarationOf } from '../../common/analyses/analyses.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { EngineRun, type EngineControl } from '../engineControl.js';
import { openCityData, type CityData } from '../data/cityData.js';
import { areaCells, type Bounds5186 } from '../data/surfaceWindow.js';
import { cropGrid } from '../grid/cropGrid.js';
import { applyProposals, type ProposalPrism } from '../planning/applyProposals.js';
import { runBounds, type DeclaredRunInput } from './declaredRun.js';

export interface AreaSurface {
  /** The analysis's window (area + its declared margin); the proposals burnt in for 'after'. */
  grid: RasterGrid;
  /** The same cells without the proposals. */
  before: RasterGrid;
  /** The area clipped to the surface model. */
  bounds: Bounds5186;
  /** The proposals as prisms (both variants: e.g. which buildings are near them). */
  prisms: ProposalPrism[];
  cellsRaised: Record<string, number>;
}

export class RunContext {
  readonly city: CityData;
  /** The area in EPSG:5186. */
  readonly area: Bounds5186;
  /** Surface-model coverage, filled by surface(). */
  surfaceInfo: { areas: string[]; problems: string[] } | null = null;
  private readonly engineRun: EngineRun;
  private surfaceLoad: Promise<AreaSurface> | null = null;

  constructor(
    readonly input: DeclaredRunInput,
    private readonly control: EngineControl = {},
  ) {
    this.city = openCityData(input.cityUrl);
    this.area = runBounds(input);
    this.engineRun = new EngineRun(input.analysis.type, control);
  }

  get after(): boolean {
    return this.input.variant === 'after';
  }

  /** Throws EngineCancelledError when cancelled; reports progress. */
  report(fraction: number, stage: string): void {
    this.engineRun.report(fraction, stage);
  }

  /** Progress of an engine mapped into [from, to] of the run, with the run's cancel token. */
  engineControl(from: number, to: number): EngineControl {
    const { onProgress } = this.control;
    return {
      cancel: this.control.cancel,
      progressIntervalMs: this.control.progressIntervalMs,
      onProgress: onProgress && ((f, stage) => onProgress(from + f * (to - from), stage)),
    };
  }

  /**
   * The surface window the declaration asks for. The proposals are burnt into the area +
   * AREA_MARGIN_M window first (their base is the lowest surface near them, as on the page), then
   * the analysis's own margin is cut from it.
   */
  surface(): Promise<AreaSurface> {
    this.surfaceLoad ??= this.loadSurface();
    return this.surfaceLoad;
  }

  private async loadSurface(): Promise<AreaSurface> {
    const margin = declarationOf(this.input.analysis.type).inputs.surface?.marginM ?? AREA_MARGIN_M;
    if (margin > AREA_MARGIN_M) throw new Error(`${this.input.analysis.type}: a surface margin of ${margin} m is more than the ${AREA_MARGIN_M} m window`);
    this.report(0, 'loading the surface model');
    const win = await this.city.surfaceWindow(this.area, AREA_MARGIN_M);
    const proposals = this.input.proposals ?? [];
    const applied = proposals.length ? applyProposals({ dsm: win.grid, proposals, modelBounds: this.input.modelBounds }) : null;
    this.surfaceInfo = { areas: win.areas, problems: [...win.problems, ...(this.after && applied ? applied.problems : [])] };
    const b = win.bounds;
    const cut = (g: RasterGrid) => (margin === AREA_MARGIN_M ? g : cropGrid(g, b.minX - margin, b.minY - margin, b.maxX + margin, b.maxY + margin)!);
    const before = cut(win.grid);
    return {
      grid: this.after && applied ? cut(applied.dsm) : before,
      before,
      bounds: b,
      prisms: applied?.prisms ?? [],
      cellsRaised: applied?.cellsRaised ?? {},
    };
  }

  /** Window rows of the area (or of the requested band of it): what a row-band engine computes. */
  windowRows(surface: AreaSurface): [number, number] {
    const cells = areaCells(surface.grid, surface.bounds);
    const [a, b] = this.input.rows ?? [0, cells.height];
    if (!(Number.isInteger(a) && Number.isInteger(b) && 0 <= a && a <= b && b <= cells.height))
      throw new Error(`rows [${a}, ${b}) are not a band of the area's ${cells.height} rows`);
    return [cells.row + a, cells.row + b];
  }

  /** A grid of window cells (or a band of them) cut to the area's columns and rows. */
  cropToArea(grid: RasterGrid, surface: Pick<AreaSurface, 'bounds'>): RasterGrid {
    return cropGrid(grid, surface.bounds.minX, surface.bounds.minY, surface.bounds.maxX, surface.bounds.maxY) ?? grid;
  }
}
