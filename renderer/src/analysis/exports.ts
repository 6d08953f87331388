// Exports of analysis results from the app: GeoTIFF of a raster (EPSG:5186, the encoder the
// pipeline and the scenario runner use), CSV/GeoJSON of result rows, and a PNG of the map with the
// legends of the shown rasters. Files are offered as downloads (the browser's save, or Electron's
// download dialog).
import type { CesiumWidget } from 'cesium';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import { gridToGeoTiff } from '../../../workers/grid/rasterGeoTiff.js';
import { drawLegend } from './rasterLegend.js';
import { shownOverlays } from './rasterOverlay.js';
import { rowsToCsv, rowsToGeoJson, type GeoJsonGeometry, type Row } from '../../../common/tableFormats.js';
import type { ColumnSpec } from '../../../common/analyses/analysisSpec.js';
import type { ResultTable } from '../../../workers/analyses/declaredRun.js';
import { tableCsv, tableGeoJson } from '../../../workers/analyses/tableExports.js';

export { rowsToCsv, rowsToGeoJson } from '../../../common/tableFormats.js';

/** The last file offered, for the e2e test (name and size) — downloads are invisible otherwise. */
export const lastExport: { name: string; bytes: number; type: string } = { name: '', bytes: 0, type: '' };

export function downloadBlob(blob: Blob, name: string): void {
  lastExport.name = name;
  lastExport.bytes = blob.size;
  lastExport.type = blob.type;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function geoTiffBlob(grid: RasterGrid): Blob {
  return new Blob([gridToGeoTiff(grid)], { type: 'image/tiff' });
}

export function exportGeoTiff(grid: RasterGrid, name: string): void {
  downloadBlob(geoTiffBlob(grid), name.endsWith('.tif') ? name : `${name}.tif`);
}

export function exportCsv(rows: Row[], name: string): void {
  downloadBlob(new Blob([rowsToCsv(rows)], { type: 'text/csv' }), name.endsWith('.csv') ? name : `${name}.csv`);
}

/** A declared table output: CSV with its declared columns leading, or GeoJSON of its rows with their geometries. */
export function exportTable(table: ResultTable, columns: ColumnSpec[], format: 'csv' | 'geojson', name: string): void {
  if (format === 'csv') downloadBlob(new Blob([tableCsv(table, columns)], { type: 'text/csv' }), `${name}.csv`);
  else downloadBlob(new Blob([tableGeoJson(table)], { type: 'application/geo+json' }), `${name}.geojson`);
}

export function exportGeoJson(rows: Array<{ geometry: GeoJsonGeometry | null; properties: Row }>, name: string): void {
  downloadBlob(new Blob([rowsToGeoJson(rows)], { type: 'application/geo+json' }), name.endsWith('.geojson') ? name : `${name}.geojson`);
}

/**
 * The map as PNG: the next rendered frame (read inside postRender, before WebGL may clear the
 * drawing buffer) with the legends of the shown rasters drawn in the lower-left corner.
 */
export function mapPngBlob(viewer: CesiumWidget): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const scene = viewer.scene;
    const remove = scene.postRender.addEventListener(() => {
      remove();
      try {
        const src = scene.canvas;
        const out = document.createElement('canvas');
        out.width = src.width;
        out.height = src.height;
        const ctx = out.getContext('2d')!;
        ctx.drawImage(src, 0, 0);
        let y = out.height - 8;
        for (const overlay of [...shownOverlays.values()].filter((o) => o.visible).reverse()) {
          y -= 58;
          drawLegend(ctx, 8, y, overlay.legend, overlay.ramp, overlay.classLabels);
        }
        out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the map could not be encoded as PNG'))), 'image/png');
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
    scene.requestRender();
  });
}

export async function exportMapPng(viewer: CesiumWidget, name = 'map.png'): Promise<void> {
  downloadBlob(await mapPngBlob(viewer), name);
}
