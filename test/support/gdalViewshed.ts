// Runs GDAL's gdal_viewshed (Debian gdal-bin) on a raster and reads its answer back as a grid, so
// tests and the benchmark compare our engine with the real binary on the same input.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RasterGrid } from '../../common/rasterGrid.js';

export interface GdalViewshedOptions {
  /** Input raster GDAL can open (GeoTIFF, or a VRT from writeRawVrt). */
  src: string;
  /** Folder for the output (ENVI raw bytes + header). */
  workDir: string;
  x: number;
  y: number;
  observerHeight: number;
  targetHeight: number;
  maxDistance: number;
  curvatureCoeff: number;
  /** -om: NORMAL (visibility bytes, default) or GROUND (least target height above the ground, Float64). */
  outputMode?: 'NORMAL' | 'GROUND';
}

export interface GdalViewshedRun {
  /** Byte values as gdal_viewshed writes them (-vv 1 -iv 0 -ov 2). */
  grid: RasterGrid;
  /** Wall-clock seconds of the gdal_viewshed process (reads the input, computes, writes the output). */
  seconds: number;
  /** CPU seconds (user + system) of the process: steadier than wall time on a loaded machine. */
  cpuSeconds: number;
}

export const GDAL_VISIBLE = 1;
export const GDAL_INVISIBLE = 0;
export const GDAL_OUT_OF_RANGE = 2;
/** Out-of-range value in -om GROUND runs (heights are >= 0). */
export const GDAL_HEIGHT_OUT_OF_RANGE = 255;

export function gdalVersion(): string {
  return execFileSync('gdalinfo', ['--version'], { encoding: 'utf8' }).trim();
}

export function runGdalViewshed(o: GdalViewshedOptions): GdalViewshedRun {
  const out = path.join(o.workDir, `gdal-viewshed-${process.pid}-${Date.now()}.bin`);
  const args = [
    '-q',
    '-f',
    'ENVI',
    '-ox',
    String(o.x),
    '-oy',
    String(o.y),
    '-oz',
    String(o.observerHeight),
    '-tz',
    String(o.targetHeight),
    '-md',
    String(o.maxDistance),
    '-cc',
    String(o.curvatureCoeff),
    '-vv',
    String(GDAL_VISIBLE),
    '-iv',
    String(GDAL_INVISIBLE),
    '-ov',
    String(o.outputMode === 'GROUND' ? GDAL_HEIGHT_OUT_OF_RANGE : GDAL_OUT_OF_RANGE),
    '-om',
    o.outputMode ?? 'NORMAL',
    o.src,
    out,
  ];
  // bash's `times` reports the CPU time of the finished child on the last line of stderr.
  const script = 'gdal_viewshed "$@" || exit $?; times >&2';
  const t0 = performance.now();
  const res = spawnSync('bash', ['-c', script, 'gdal_viewshed', ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 0) throw new Error(`gdal_viewshed failed (${res.status}): ${res.stderr || res.stdout}`);
  const cpuSeconds = childCpuSeconds(res.stderr);
  const info = JSON.parse(execFileSync('gdalinfo', ['-json', out], { encoding: 'utf8' })) as { size: [number, number]; geoTransform: number[] };
  const [width, height] = info.size;
  const bytes = readFileSync(out);
  const wide = o.outputMode === 'GROUND';
  if (bytes.length !== width * height * (wide ? 8 : 1)) throw new Error(`gdal_viewshed output ${out}: ${bytes.length} bytes for ${width} x ${height}`);
  const values = new Float32Array(width * height);
  if (wide) {
    for (let i = 0; i < values.length; i++) values[i] = bytes.readDoubleLE(i * 8);
  } else {
    for (let i = 0; i < values.length; i++) values[i] = bytes[i];
  }
  const gt = info.geoTransform;
  const noData = wide ? GDAL_HEIGHT_OUT_OF_RANGE : GDAL_OUT_OF_RANGE;
  return { grid: { values, width, height, cellSize: gt[1], originX: gt[0], originY: gt[3], noData }, seconds, cpuSeconds };
}

/** Sum of the children's user and system times from bash `times` output ("0m1.234s 0m0.100s"). */
function childCpuSeconds(stderr: string): number {
  const lines = stderr.trim().split('\n');
  const parse = (t: string) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(t);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  const [user, sys] = (lines[lines.length - 1] ?? '').trim().split(/\s+/).map(parse);
  return user + sys;
}

/** Writes the grid as raw Float32 plus a VRT header GDAL opens without any copy or encoding. */
export function writeRawVrt(grid: RasterGrid, file: string): string {
  const raw = `${file}.f32`;
  writeFileSync(raw, new Uint8Array(grid.values.buffer, grid.values.byteOffset, grid.values.byteLength));
  const vrt = `<VRTDataset rasterXSize="${grid.width}" rasterYSize="${grid.height}">
  <SRS>EPSG:5186</SRS>
  <GeoTransform>${grid.originX}, ${grid.cellSize}, 0, ${grid.originY}, 0, ${-grid.cellSize}</GeoTransform>
  <VRTRasterBand dataType="Float32" band="1" subClass="VRTRawRasterBand">
    <NoDataValue>${grid.noData}</NoDataValue>
    <SourceFilename relativeToVRT="1">${path.basename(raw)}</SourceFilename>
    <ByteOrder>LSB</ByteOrder>
    <ImageOffset>0</ImageOffset>
    <PixelOffset>4</PixelOffset>
    <LineOffset>${grid.width * 4}</LineOffset>
  </VRTRasterBand>
</VRTDataset>
`;
  writeFileSync(file, vrt);
  return file;
}

export interface Agreement {
  /** Cells both call in range and with data. */
  compared: number;
  agree: number;
  /** agree / compared. */
  share: number;
  /** Cells one calls visible and the other not. */
  oursOnly: number;
  gdalOnly: number;
  /** Cells in range for one side only (edges of the radius, no-data cells). */
  rangeMismatch: number;
  /** Centres (EPSG:5186) of the first 100 cells where the two disagree on visibility. */
  where: [number, number][];
}

/** Cell-by-cell comparison over the overlap of our result and GDAL's (both are windows of the same raster). */
export function compareWithGdal(ours: RasterGrid, gdal: RasterGrid): Agreement {
  if (Math.abs(ours.cellSize - gdal.cellSize) > 1e-9) throw new Error('different cell sizes');
  const dc = Math.round((gdal.originX - ours.originX) / ours.cellSize);
  const dr = Math.round((ours.originY - gdal.originY) / ours.cellSize);
  let compared = 0,
    agree = 0,
    oursOnly = 0,
    gdalOnly = 0,
    rangeMismatch = 0;
  const where: [number, number][] = [];
  for (let r = 0; r < gdal.height; r++) {
    const orow = r + dr;
    if (orow < 0 || orow >= ours.height) continue;
    for (let c = 0; c < gdal.width; c++) {
      const ocol = c + dc;
      if (ocol < 0 || ocol >= ours.width) continue;
      const a = ours.values[orow * ours.width + ocol];
      const g = gdal.values[r * gdal.width + c];
      const aIn = a !== ours.noData;
      const gIn = g !== gdal.noData;
      if (aIn !== gIn) {
        rangeMismatch++;
        continue;
      }
      if (!aIn) continue;
      compared++;
      const av = a === 1,
        gv = g === GDAL_VISIBLE;
      if (av === gv) {
        agree++;
        continue;
      }
      if (av) oursOnly++;
      else gdalOnly++;
      if (where.length < 100) where.push([gdal.originX + (c + 0.5) * gdal.cellSize, gdal.originY - (r + 0.5) * gdal.cellSize]);
    }
  }
  return { compared, agree, share: compared ? agree / compared : 0, oursOnly, gdalOnly, rangeMismatch, where };
}
