// What every analysis tab and result layer shows of a declared run, derived once from its
// declaration (common/analyses): a raster output's ramp (the ColourRampSpec scaled by rampScale),
// its legend and class labels in the current language and the values not drawn (drawMin); a table
// output's columns with their labels; the figures of a comparison; and the export buttons of the
// declared formats. A tab only says which outputs it shows, where, and under which ids.
//
//   await showOutput(ctx, 'sun-hours', 'sunHours', 'hours', r.rasters.hours, parameters, { exportId: 'sun-hours' });
//   outputTable(columnsOf('facades', 'floors'), rows, { keys: ['facade', 'floor', 'hours'] });
//   exportButtons(r, { prefix: 'flood', files: { floodedBuildings: 'flooded-buildings' } });
import { declarationOf, type AnalysisType } from '../../../common/analyses/analyses.js';
import type { ColourRampSpec, ColumnSpec, LocalText, OutputSpec, ValueRange } from '../../../common/analyses/analysisSpec.js';
import { DIFFERENCE_RAMP, scaledRamp } from '../../../common/analyses/colourRamps.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { Row } from '../../../common/tableFormats.js';
import type { DeclaredRunResult, Facts } from '../../../workers/analyses/declaredRun.js';
import { button } from '../dom.js';
import { language } from '../i18n.js';
import { tableOf, type AnalysisContext } from './analysisContext.js';
import { exportGeoTiff, exportTable } from './exports.js';
import type { LegendSpec } from './rasterLegend.js';
import { showRasterOverlay, type RasterOverlay } from './rasterOverlay.js';

/** A declared text in the page's language. */
export function localText(text: LocalText): string {
  return text[language()];
}

function outputOf(type: AnalysisType, output: string): OutputSpec<Record<string, unknown>> {
  const spec = declarationOf(type).outputs[output];
  if (!spec) throw new Error(`${type} declares no output "${output}"`);
  return spec;
}

/** How a raster is drawn: colours, legend and class labels in the current language, and the values left undrawn. */
export interface RasterStyle {
  ramp: ColourRampSpec;
  legend: LegendSpec;
  classLabels?: string[];
  /** Values below this are not drawn. */
  drawMin?: number;
}

/** Smallest and largest value of a grid (no-data and NaN left out), or undefined when it has none. */
export function valueRange(grid: RasterGrid): ValueRange | undefined {
  let min = Infinity,
    max = -Infinity;
  for (const v of grid.values) {
    if (v === grid.noData || Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/** The declared style of a raster output (or of a raster series' frames) for these parameters and, where the ramp follows the data, this grid. */
export function outputStyle(type: AnalysisType, output: string, parameters: object, grid?: RasterGrid): RasterStyle {
  const spec = outputOf(type, output);
  if (spec.kind !== 'raster' && spec.kind !== 'rasterSeries') throw new Error(`${type}.${output} is not a raster`);
  const scale = spec.kind === 'raster' && spec.rampScale ? spec.rampScale(parameters as Record<string, unknown>, grid && valueRange(grid)) : 1;
  return {
    ramp: scale === 1 ? spec.ramp : scaledRamp(spec.ramp, scale),
    legend: { title: localText(spec.legend.title), unit: localText(spec.legend.unit) },
    classLabels: spec.kind === 'raster' ? spec.classLabels?.map(localText) : undefined,
    drawMin: spec.drawMin,
  };
}

/** After − before: red losses, blue gains, saturated at an eighth of the largest change (at least one unit). */
export function differenceStyle(difference: RasterGrid, legend: LegendSpec): RasterStyle {
  const range = valueRange(difference);
  return { ramp: scaledRamp(DIFFERENCE_RAMP, Math.max(1, Math.abs(range?.min ?? 0), Math.abs(range?.max ?? 0))), legend };
}

/** The grid as drawn: values below `drawMin` become no-data. */
export function drawnGrid(grid: RasterGrid, drawMin: number | undefined): RasterGrid {
  if (drawMin === undefined) return grid;
  return { ...grid, values: grid.values.map((v) => (v >= drawMin ? v : grid.noData)) };
}

export interface ShowOptions {
  /** The legend instead of the declared one (the kiosk's own titles). */
  legend?: LegendSpec;
  /** Offer the raster in the Export tab under this id. */
  exportId?: string;
}

/** Draws a grid in a style on the map (replacing the overlay with its id) and offers it for export when asked. */
export async function showStyled(
  ctx: Pick<AnalysisContext, 'viewer' | 'results'>,
  id: string,
  grid: RasterGrid,
  style: RasterStyle,
  options: ShowOptions = {},
): Promise<RasterOverlay> {
  const legend = options.legend ?? style.legend;
  const overlay = await showRasterOverlay(ctx.viewer, { id, grid: drawnGrid(grid, style.drawMin), ramp: style.ramp, legend, classLabels: style.classLabels });
  if (options.exportId) ctx.results.setRaster({ id: options.exportId, label: legend.title, grid });
  return overlay;
}

/** Draws a raster output of a declared run in its declared style. */
export function showOutput(
  ctx: Pick<AnalysisContext, 'viewer' | 'results'>,
  id: string,
  type: AnalysisType,
  output: string,
  grid: RasterGrid,
  parameters: object,
  options: ShowOptions = {},
): Promise<RasterOverlay> {
  return showStyled(ctx, id, grid, outputStyle(type, output, parameters, grid), options);
}

/** A table output's columns: those of one run, or of the before/after table the comparison joins. */
export function columnsOf(type: AnalysisType, output: string, joined = false): ColumnSpec[] {
  const spec = outputOf(type, output);
  if (spec.kind !== 'table') throw new Error(`${type}.${output} is not a table`);
  if (!joined) return spec.columns;
  if (spec.comparison.kind !== 'joined') throw new Error(`${type}.${output} is not joined`);
  return spec.comparison.columns;
}

/** The columns as the rows hold them: a `{target}` column once per target (a row key no other column names). */
export function shownColumns(columns: ColumnSpec[], rows: Row[]): ColumnSpec[] {
  const fixed = new Set(columns.map((c) => c.key));
  const keys = Object.keys(rows[0] ?? {}).filter((k) => !fixed.has(k));
  return columns.flatMap((c) => {
    const m = /^(.*)\{target\}(.*)$/.exec(c.key);
    if (!m) return [c];
    const targets = keys.filter((k) => k.startsWith(m[1]) && k.endsWith(m[2])).map((k) => k.slice(m[1].length, k.length - m[2].length));
    const name = (t: string, l: string) => l.replace('{target}', t);
    return targets.map((t) => ({ ...c, key: `${m[1]}${t}${m[2]}`, label: { en: name(t, c.label.en), ko: name(t, c.label.ko) } }));
  });
}

export interface TableOptions {
  /** The columns shown, in order (default: all declared). */
  keys?: string[];
  /** Columns left out. */
  omit?: string[];
  /** At most this many rows. */
  limit?: number;
  className?: string;
  /** A cell as shown; undefined: the value as it is (numbers with two decimals). */
  cell?: (row: Row, key: string) => string | number | undefined;
}

/** A table of rows under the declared column labels. */
export function outputTable(columns: ColumnSpec[], rows: Row[], options: TableOptions = {}): HTMLTableElement {
  const all = shownColumns(columns, rows);
  const shown = (options.keys ? options.keys.flatMap((k) => all.filter((c) => c.key === k)) : all).filter((c) => !options.omit?.includes(c.key));
  const cell = (row: Row, key: string) => options.cell?.(row, key) ?? (typeof row[key] === 'number' ? row[key] : String(row[key] ?? ''));
  const body = rows.slice(0, options.limit ?? rows.length).map((row) => shown.map((c) => cell(row, c.key)));
  return tableOf(
    shown.map((c) => localText(c.label)),
    body,
    options.className,
  );
}

/** Declared figures as label / value rows (the unit with the label, so the value reads as a number). */
export function figureTable(type: AnalysisType, figures: Facts, keys: string[], className?: string): HTMLTableElement {
  const specs = declarationOf(type).figures;
  const rows = keys.map((k) => {
    const spec = specs[k];
    const label = spec ? localText(spec.label) : k;
    return [spec?.unit ? `${label} (${spec.unit})` : label, figures[k] ?? ''];
  });
  return tableOf(['', ''], rows, className);
}

/** 'floodedBuildings' -> 'flooded-buildings'. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const FORMAT_LABEL = { geotiff: 'GeoTIFF', csv: 'CSV', geojson: 'GeoJSON' } as const;

export interface ExportNames {
  /** Ids are `<prefix>-export-<output>-<format>` and file names `<prefix>-<output>` unless given. */
  prefix: string;
  /** Button ids by `<output>.<format>`. */
  ids?: Record<string, string>;
  /** File names (without extension) by output. */
  files?: Record<string, string>;
}

/** A download button per declared export format of every output the run holds. */
export function exportButtons(result: DeclaredRunResult, names: ExportNames): HTMLButtonElement[] {
  const out: HTMLButtonElement[] = [];
  for (const [output, spec] of Object.entries(declarationOf(result.type).outputs)) {
    const file = names.files?.[output] ?? `${names.prefix}-${kebab(output)}`;
    const add = (format: keyof typeof FORMAT_LABEL, save: () => void) =>
      out.push(
        button(`${FORMAT_LABEL[format]}: ${localText(spec.label)}`, save, {
          id: names.ids?.[`${output}.${format}`] ?? `${names.prefix}-export-${kebab(output)}-${format}`,
        }),
      );
    const grid = result.rasters[output];
    const table = result.tables[output];
    if (spec.kind === 'raster' && grid) for (const f of spec.exports) add(f, () => exportGeoTiff(grid, file));
    if (spec.kind === 'table' && table) for (const f of spec.exports) add(f, () => exportTable(table, spec.columns, f, file));
  }
  return out;
}
