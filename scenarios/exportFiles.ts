// Writes a before/after comparison (workers/analyses/compareDeclared.ts) as the files its
// declaration lists: GeoTIFF before/after(/difference) per raster, CSV and GeoJSON per table
// (one joined file, or before and after). Names: `<prefix><suffix>[-before|-after|-difference].<ext>`.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { declarationOf } from '../common/analyses/analyses.js';
import type { ColumnSpec, TableOutputSpec } from '../common/analyses/analysisSpec.js';
import type { RasterGrid } from '../common/rasterGrid.js';
import type { DeclaredComparison } from '../workers/analyses/compareDeclared.js';
import type { ResultTable } from '../workers/analyses/declaredRun.js';
import { tableCsv, tableGeoJson } from '../workers/analyses/tableExports.js';
import { gridToGeoTiff } from '../workers/grid/rasterGeoTiff.js';

async function writeGrid(outDir: string, name: string, grid: RasterGrid): Promise<string> {
  await writeFile(path.join(outDir, name), new Uint8Array(gridToGeoTiff(grid)));
  return name;
}

async function writeTable(outDir: string, base: string, table: ResultTable, spec: TableOutputSpec, columns: ColumnSpec[]): Promise<string[]> {
  const files: string[] = [];
  if (spec.exports.includes('csv')) {
    await writeFile(path.join(outDir, `${base}.csv`), tableCsv(table, columns));
    files.push(`${base}.csv`);
  }
  if (spec.exports.includes('geojson')) {
    await writeFile(path.join(outDir, `${base}.geojson`), tableGeoJson(table));
    files.push(`${base}.geojson`);
  }
  return files;
}

/** Writes the declared exports of a comparison (series are for the page: not exported); returns the file names in the order written. */
export async function writeComparison(c: DeclaredComparison, outDir: string, prefix: string): Promise<string[]> {
  const files: string[] = [];
  for (const [name, spec] of Object.entries(declarationOf(c.type).outputs)) {
    if (spec.kind === 'raster') {
      const base = `${prefix}${spec.fileSuffix}`;
      const r = c.rasters[name];
      if (!r || !spec.exports.includes('geotiff')) continue;
      files.push(await writeGrid(outDir, `${base}-before.tif`, r.before), await writeGrid(outDir, `${base}-after.tif`, r.after));
      if (r.difference) files.push(await writeGrid(outDir, `${base}-difference.tif`, r.difference));
    } else if (spec.kind === 'table') {
      const base = `${prefix}${spec.fileSuffix}`;
      const t = c.tables[name];
      if (!t) continue;
      if (t.kind === 'joined') files.push(...(await writeTable(outDir, base, t.table, spec, spec.comparison.kind === 'joined' ? spec.comparison.columns : [])));
      else
        files.push(
          ...(await writeTable(outDir, `${base}-before`, t.before, spec, spec.columns)),
          ...(await writeTable(outDir, `${base}-after`, t.after, spec, spec.columns)),
        );
    }
  }
  return files;
}
