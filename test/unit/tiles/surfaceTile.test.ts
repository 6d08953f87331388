// The surface-tile file (workers/data/surfaceTile.ts): what the build deflates with node:zlib comes
// back bit for bit through the web's DecompressionStream, and broken files are refused by name.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSurfaceTile, encodeSurfaceTile, inflate, type SurfaceTile } from '../../../workers/data/surfaceTile.js';

function sampleTile(): SurfaceTile {
  const side = 1000 / 4 + 1;
  // Terrain with the values that stress a byte-wise predictor: negative, tiny, large, signed zero, every bit pattern of a ramp.
  const terrain = Float32Array.from({ length: side * side }, (_, i) => (i % 7 === 0 ? -(i / 3) : Math.sin(i) * 300 + i * 1e-3));
  terrain[5] = -0;
  terrain[6] = 1e-30;
  terrain[7] = 8848.86;
  return {
    e: 197,
    n: -3,
    cells: 1000,
    step: 4,
    terrain,
    prisms: [
      {
        top: 61.25,
        rings: [
          [
            [197_010.125, 552_020.5],
            [197_030.75, 552_020.5],
            [197_030.75, 552_001.0625],
          ],
        ],
      },
      {
        top: 140.5,
        rings: [
          [
            [197_100, 552_100],
            [197_200, 552_100],
            [197_200, 552_200],
            [197_100, 552_200],
          ],
          [
            [197_120, 552_120],
            [197_120, 552_180],
            [197_180, 552_180],
          ],
        ],
      },
      { top: 3, rings: [] },
    ],
  };
}

describe('surface tiles', () => {
  it('come back bit for bit after node:zlib and DecompressionStream', async () => {
    const tile = sampleTile();
    const back = decodeSurfaceTile(await inflate(deflateSync(encodeSurfaceTile(tile))));
    expect({ ...back, terrain: null }).toEqual({ ...tile, terrain: null });
    expect(Buffer.from(back.terrain.buffer).equals(Buffer.from(tile.terrain.buffer))).toBe(true);
    expect(Object.is(back.terrain[5], -0)).toBe(true);
  });

  it('refuse other files, other versions and cut files, naming the file', () => {
    const bytes = encodeSurfaceTile(sampleTile());
    expect(() => decodeSurfaceTile(bytes.subarray(0, 20), 'surface/1_2.tile')).toThrow(/surface\/1_2.tile: 20 bytes is too short/);
    const other = bytes.slice();
    other[0] = 0x49;
    expect(() => decodeSurfaceTile(other, 'x.tile')).toThrow(/x.tile: not a surface tile/);
    const newer = bytes.slice();
    newer[4] = 9;
    expect(() => decodeSurfaceTile(newer, 'x.tile')).toThrow(/version 9, this app reads version 1; rebuild the city/);
    expect(() => decodeSurfaceTile(bytes.subarray(0, bytes.length - 4), 'x.tile')).toThrow(/x.tile: \d+ bytes, its header says \d+/);
    expect(() => encodeSurfaceTile({ ...sampleTile(), step: 3 })).toThrow(/terrain step 3 does not divide a tile of 1000 cells/);
  });
});
