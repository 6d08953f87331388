// Users' own elevation rasters (DEMs): GeoTIFF (geotiff.js) and ESRI ASCII grid (.asc), in any CRS
// proj4 can transform. What comes out is the raster in its own CRS, pixel centres as nodes; the
// elevation model resamples it onto lon/lat (tiles/model/demGrid.ts).
//
// The CRS: the sources config's `crs` wins (an EPSG code proj4 knows, including the Korean ones of
// common/crs.ts, or a proj4 definition "+proj=..."); else the GeoTIFF's EPSG geokey, else the .asc's
// .prj (common/crs.ts recognises the Korean grids in ESRI and OGC WKT). Anything else is an unknown
// CRS: the file is refused with one line saying what to set, never guessed.
import { readFile } from 'node:fs/promises';
import { fromArrayBuffer } from 'geotiff';
import proj4 from 'proj4';
import { CRS_DEFS, detectCrsFromPrj } from '../../common/crs.js';

/** A raster of heights in its own CRS. Node (i, j) sits at (x0 + i * dx, y0 + j * dy); dy < 0 for north-up rasters. */
export interface SourceDem {
  /** 'EPSG:nnnn' (known to proj4) or a proj4 definition. */
  crs: string;
  /** Whether the CRS is geographic (x = longitude, y = latitude, degrees). */
  geographic: boolean;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
  /** Row-major heights, row 0 at y0; NaN where the file says no data. */
  values: Float32Array;
}

export const DEM_EXTENSIONS = ['.tif', '.tiff', '.asc'];

/** Turns a configured or detected CRS into something proj4 can use; throws with the reason otherwise. */
export function resolveDemCrs(crs: string, where: string): string {
  const trimmed = crs.trim();
  if (trimmed.startsWith('+proj=')) {
    try {
      proj4(trimmed, 'EPSG:4326');
    } catch (err) {
      throw new Error(`${where}: proj4 cannot use "${trimmed}": ${(err as Error).message}`, { cause: err });
    }
    return trimmed;
  }
  const code = /^\d+$/.test(trimmed) ? `EPSG:${trimmed}` : trimmed.toUpperCase();
  if (code in CRS_DEFS || proj4.defs(code)) return code;
  throw new Error(
    `unknown CRS ${code} (${where}): set "crs" in the sources config to an EPSG code proj4 knows (e.g. ${Object.keys(CRS_DEFS).join(', ')}) or a proj4 definition "+proj=..."`,
  );
}

export function isGeographicCrs(crs: string): boolean {
  return (proj4.Proj(crs in CRS_DEFS ? CRS_DEFS[crs] : crs) as { projName?: string }).projName === 'longlat';
}

/** Reads a DEM file (by extension); `crs` from the sources config overrides the file's own. */
export async function readDemFile(path: string, crs?: string): Promise<SourceDem> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.asc')) return readAsciiGrid(path, crs);
  if (lower.endsWith('.tif') || lower.endsWith('.tiff')) return readGeoTiffDem(path, crs);
  throw new Error(`not an elevation format this build reads (JSON grid, ${DEM_EXTENSIONS.join(', ')})`);
}

function withCrs(crs: string, dem: Omit<SourceDem, 'crs' | 'geographic'>): SourceDem {
  return { crs, geographic: isGeographicCrs(crs), ...dem };
}

// ---- GeoTIFF ----

const USER_DEFINED = 32767;
const PIXEL_IS_POINT = 2;

async function readGeoTiffDem(path: string, configured?: string): Promise<SourceDem> {
  const bytes = await readFile(path);
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const image = await tiff.getImage();
  const keys = image.getGeoKeys() ?? {};
  let crs: string;
  if (configured) crs = resolveDemCrs(configured, 'sources config');
  else {
    const code = (keys.ProjectedCSTypeGeoKey ?? keys.GeographicTypeGeoKey) as number | undefined;
    if (code === undefined) throw new Error('unknown CRS: the GeoTIFF has no EPSG geokey; set "crs" in the sources config');
    if (code === USER_DEFINED) throw new Error('unknown CRS: the GeoTIFF has a user-defined CRS, no EPSG code; set "crs" in the sources config');
    crs = resolveDemCrs(`EPSG:${code}`, 'GeoTIFF geokey');
  }
  const m = image.fileDirectory.getValue('ModelTransformation') as number[] | undefined;
  if (m && (m[1] !== 0 || m[4] !== 0)) throw new Error('the GeoTIFF is rotated (ModelTransformation with rotation): warp it north-up first (gdalwarp)');
  const [originX, originY] = image.getOrigin();
  const [resX, resY] = image.getResolution();
  const width = image.getWidth(),
    height = image.getHeight();
  // PixelIsArea (the default): the origin is the outer corner of pixel (0, 0); nodes are pixel centres.
  const half = keys.GTRasterTypeGeoKey === PIXEL_IS_POINT ? 0 : 0.5;
  const [band] = (await image.readRasters({ samples: [0] })) as unknown as ArrayLike<number>[];
  const noData = image.getGDALNoData();
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) {
    const v = band[i];
    values[i] = noData !== null && v === noData ? NaN : v;
  }
  return withCrs(crs, { x0: originX + half * resX, y0: originY + half * resY, dx: resX, dy: resY, width, height, values });
}

// ---- ESRI ASCII grid ----

async function readAsciiGrid(path: string, configured?: string): Promise<SourceDem> {
  const text = await readFile(path, 'latin1');
  const header = new Map<string, number>();
  let pos = 0;
  // Header lines are "keyword value"; the first line starting with a number begins the data.
  while (pos < text.length) {
    const end = text.indexOf('\n', pos);
    const line = text.slice(pos, end < 0 ? text.length : end).trim();
    const m = /^([A-Za-z_]+)\s+(\S+)$/.exec(line);
    if (!m) break;
    header.set(m[1].toLowerCase(), Number(m[2]));
    pos = end < 0 ? text.length : end + 1;
  }
  const need = (k: string) => {
    const v = header.get(k);
    if (v === undefined || !Number.isFinite(v)) throw new Error(`ESRI ASCII grid header lacks ${k}`);
    return v;
  };
  const width = need('ncols'),
    height = need('nrows');
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) throw new Error('ncols/nrows must be integers >= 2');
  const dx = header.get('cellsize') ?? need('dx');
  const dy = header.get('cellsize') ?? need('dy');
  const corner = header.has('xllcorner');
  const xll = corner ? need('xllcorner') : need('xllcenter');
  const yll = corner ? need('yllcorner') : need('yllcenter');
  const noData = header.get('nodata_value');
  const tokens = text.slice(pos).split(/\s+/).filter(Boolean);
  if (tokens.length !== width * height)
    throw new Error(`ESRI ASCII grid has ${tokens.length} values, the header says ${width} x ${height} = ${width * height}`);
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) {
    const v = Number(tokens[i]);
    if (!Number.isFinite(v)) throw new Error(`ESRI ASCII grid value #${i} "${tokens[i]}" is not a number`);
    values[i] = v === noData ? NaN : v;
  }
  let crs: string;
  if (configured) crs = resolveDemCrs(configured, 'sources config');
  else {
    const prj = await readFile(path.replace(/\.asc$/i, '.prj'), 'utf8').catch(() => null);
    if (prj === null) throw new Error('unknown CRS: no .prj beside the .asc; set "crs" in the sources config');
    const detected = detectCrsFromPrj(prj);
    if (!detected) throw new Error(`unknown CRS in the .prj (not ${Object.keys(CRS_DEFS).join('/')}); set "crs" in the sources config`);
    crs = detected;
  }
  // Row 0 of the file is the north edge; nodes are cell centres.
  const half = corner ? 0.5 : 0;
  return withCrs(crs, { x0: xll + half * dx, y0: yll + (height - 1 + half) * dy, dx, dy: -dy, width, height, values });
}
