// What GDAL itself reads from a raster file (`gdalinfo -json`): the independent check that a
// GeoTIFF (or a VRT mosaic) we write opens in GDAL/QGIS with the intended grid and projection.
import { execFileSync } from 'node:child_process';

export interface GdalInfo {
  driverShortName: string;
  coordinateSystem: { wkt: string };
  size: [number, number];
  /** [originX, cellWidth, 0, originY, 0, -cellHeight] */
  geoTransform: number[];
  metadata: Record<string, Record<string, string>>;
  bands: Array<{ block: [number, number]; type: string; noDataValue?: number; overviews?: unknown[] }>;
}

export function gdalInfo(file: string): GdalInfo {
  return JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' })) as GdalInfo;
}
