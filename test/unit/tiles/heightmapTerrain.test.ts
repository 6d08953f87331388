// heightmap-1.0 tiles checked against CesiumJS itself (the oracle: its tiling scheme and its
// HeightmapTerrainData decoder, with the structure CesiumTerrainProvider uses for this format).
import { GeographicTilingScheme, HeightmapTerrainData, Math as CesiumMath } from '@cesium/engine';
import { describe, expect, it } from 'vitest';
import { decodeHeightmapTile, encodeHeightmapTile, sampleHeightmap, tileBounds, tileRange } from '../../../common/heightmapTile.js';

const CESIUM_HEIGHTMAP_1_0 = { heightScale: 1 / 5, heightOffset: -1000, elementsPerHeight: 1, stride: 1, elementMultiplier: 256, isBigEndian: false };
const scheme = new GeographicTilingScheme(); // 2 x 1 level-0 tiles, as CesiumTerrainProvider makes for EPSG:4326

function cesiumRect(z: number, x: number, yTms: number) {
  // CesiumTerrainProvider turns Cesium's north-origin y into TMS y as yTiles - y - 1.
  const y = scheme.getNumberOfYTilesAtLevel(z) - yTms - 1;
  return scheme.tileXYToRectangle(x, y, z);
}

describe('heightmap-1.0 terrain tiles', () => {
  it('addresses tiles like Cesium (TMS y from the south, 2 x 1 root tiles)', () => {
    for (const [z, x, y] of [
      [0, 0, 0],
      [0, 1, 0],
      [5, 44, 21],
      [15, 56660, 23228],
      [16, 113321, 46457],
    ]) {
      const b = tileBounds({ z, x, y });
      const r = cesiumRect(z, x, y);
      expect(b.west).toBeCloseTo(CesiumMath.toDegrees(r.west), 9);
      expect(b.east).toBeCloseTo(CesiumMath.toDegrees(r.east), 9);
      expect(b.south).toBeCloseTo(CesiumMath.toDegrees(r.south), 9);
      expect(b.north).toBeCloseTo(CesiumMath.toDegrees(r.north), 9);
    }
    // Seoul City Hall falls in the tile the range says.
    const r = tileRange(15, 126.9779, 37.5663, 126.9779, 37.5663);
    const b = tileBounds({ z: 15, x: r.startX, y: r.startY });
    expect(126.9779).toBeGreaterThanOrEqual(b.west);
    expect(126.9779).toBeLessThan(b.east);
    expect(37.5663).toBeGreaterThanOrEqual(b.south);
    expect(37.5663).toBeLessThan(b.north);
  });

  it('encodes heights that Cesium decodes back (layout: 65x65 LE uint16, child mask, water mask)', () => {
    const address = { z: 15, x: 56660, y: 23228 };
    const b = tileBounds(address);
    // Fixture surface: a tilted plane with a bump, heights above the ellipsoid in metres.
    const f = (lon: number, lat: number) => 40 + 3000 * (lon - b.west) - 2000 * (lat - b.south) + 8 * Math.sin((lon - b.west) * 3000);
    const bytes = encodeHeightmapTile(address, f, 0b1010);
    expect(bytes.byteLength).toBe(65 * 65 * 2 + 2);
    const ours = decodeHeightmapTile(bytes);
    expect(ours.childMask).toBe(0b1010);
    expect([...ours.waterMask]).toEqual([0]);

    const buf = bytes.slice().buffer;
    const cesium = new HeightmapTerrainData({
      buffer: new Uint16Array(buf, 0, 65 * 65),
      childTileMask: new Uint8Array(buf, 65 * 65 * 2, 1)[0],
      waterMask: new Uint8Array(buf, 65 * 65 * 2 + 1, 1),
      width: 65,
      height: 65,
      structure: CESIUM_HEIGHTMAP_1_0,
    });
    expect(
      cesium.isChildAvailable(
        address.x,
        scheme.getNumberOfYTilesAtLevel(15) - address.y - 1,
        2 * address.x + 1,
        2 * (scheme.getNumberOfYTilesAtLevel(15) - address.y - 1),
      ),
    ).toBe(true);
    const rect = cesiumRect(address.z, address.x, address.y);
    for (let k = 0; k < 50; k++) {
      const lon = b.west + (b.east - b.west) * ((k * 0.37) % 1);
      const lat = b.south + (b.north - b.south) * ((k * 0.61) % 1);
      const theirs = cesium.interpolateHeight(rect, CesiumMath.toRadians(lon), CesiumMath.toRadians(lat));
      const mine = sampleHeightmap(ours, address, lon, lat);
      expect(Math.abs(theirs - f(lon, lat))).toBeLessThan(0.5); // 0.2 m steps + interpolation of the bump
      expect(Math.abs(mine - theirs)).toBeLessThan(0.3);
    }
  });

  it('clamps heights outside the encodable range instead of wrapping', () => {
    const bytes = encodeHeightmapTile({ z: 3, x: 1, y: 1 }, (lon) => (lon < -150 ? -5000 : 20000), 0);
    const t = decodeHeightmapTile(bytes);
    expect(Math.min(...t.heights)).toBe(-1000);
    expect(Math.max(...t.heights)).toBeCloseTo(65535 / 5 - 1000, 6);
  });
});
