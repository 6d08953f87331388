// The files of a declared table output (common/analyses TableOutputSpec): CSV with the declared
// columns leading, GeoJSON with each row's geometry. The scenario runner writes them to disk and the
// page offers them as downloads, so both give the same file for the same table.
import type { ColumnSpec } from '../../common/analyses/analysisSpec.js';
import { rowsToCsv, rowsToGeoJson } from '../../common/tableFormats.js';
import type { ResultTable } from './declaredRun.js';

/** CSV of the rows; the declared columns lead (per-target ones follow from the rows), so an empty table keeps its header. */
export function tableCsv(table: ResultTable, columns: ColumnSpec[]): string {
  return rowsToCsv(
    table.rows,
    columns.map((c) => c.key).filter((k) => !k.includes('{')),
  );
}

/** GeoJSON of the rows with their geometries (and the properties that describe only the geometry). */
export function tableGeoJson(table: ResultTable): string {
  return rowsToGeoJson(
    table.rows.map((row, i) => ({
      geometry: table.features?.[i]?.geometry ?? null,
      properties: { ...row, ...table.features?.[i]?.properties },
    })),
  );
}
