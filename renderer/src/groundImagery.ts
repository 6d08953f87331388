// A ground layer drawn from the build's imagery tiles (tiles/layers/writeGroundImagery.ts): one
// Cesium imagery layer over the globe, whatever the number of features, so parks and water of the
// whole city cost a texture lookup per pixel. tiles.json lists the tiles that exist; for the others
// (blank, or one colour like the parent's pixels there) no request is made and Cesium draws the
// parent tile's pixels, as it does for any tile an imagery provider discards.
import { DiscardEmptyTileImagePolicy, GeographicTilingScheme, Rectangle, UrlTemplateImageryProvider, type ImageryTypes, type Request } from 'cesium';
import type { GroundImageryInfo } from '../../common/buildFormat.js';
import type { TileRange } from '../../common/tileRanges.js';

/** `template`: the tile URL with {z}/{x}/{y} (version query included); `availableUrl`: tiles.json. */
export async function createGroundImageryProvider(
  template: string,
  availableUrl: string,
  info: GroundImageryInfo,
  bbox: [number, number, number, number] | undefined,
): Promise<UrlTemplateImageryProvider> {
  const response = await fetch(availableUrl);
  if (!response.ok) throw new Error(`${info.availablePath}: HTTP ${response.status}`);
  const { available } = (await response.json()) as { available?: TileRange[][] };
  if (!Array.isArray(available)) throw new Error(`${info.availablePath}: no "available" list`);
  const existing = new Set<string>();
  available.forEach((ranges, z) => {
    for (const r of ranges) for (let x = r.startX; x <= r.endX; x++) for (let y = r.startY; y <= r.endY; y++) existing.add(`${z}/${x}/${y}`);
  });
  const provider = new UrlTemplateImageryProvider({
    url: template,
    tilingScheme: new GeographicTilingScheme(),
    maximumLevel: info.maxLevel,
    rectangle: bbox ? Rectangle.fromDegrees(...bbox) : undefined,
    tileDiscardPolicy: new DiscardEmptyTileImagePolicy(),
    hasAlphaChannel: true,
  });
  const requestTile = provider.requestImage.bind(provider);
  provider.requestImage = (x: number, y: number, level: number, request?: Request) =>
    existing.has(`${level}/${x}/${y}`)
      ? requestTile(x, y, level, request)
      : Promise.resolve(DiscardEmptyTileImagePolicy.EMPTY_IMAGE as unknown as ImageryTypes);
  return provider;
}
