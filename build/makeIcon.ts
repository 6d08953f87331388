// Draws the app icon, build/icon.png (512x512 RGBA), used by electron-builder for every platform
// (it derives .ico and .icns from it). Run: npx tsx build/makeIcon.ts
// The mark: a night-blue rounded tile with a skyline of towers, a low sun and the Han River.
// Written with node:zlib and a hand-rolled PNG encoder so the icon is reproducible without tools.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SUPERSAMPLE = 4;
type Rgba = [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter: none
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const TOWERS: Array<[number, number, number]> = [
  // [left, right, top] in icon pixels; the skyline stands on y = 372.
  [92, 138, 250],
  [146, 196, 170],
  [204, 244, 280],
  [252, 300, 118],
  [308, 352, 212],
  [360, 404, 262],
  [412, 430, 300],
];
const GROUND = 372;

function insideRoundedSquare(x: number, y: number): boolean {
  const r = 104;
  const m = 16;
  const cx = Math.min(Math.max(x, m + r), SIZE - m - r);
  const cy = Math.min(Math.max(y, m + r), SIZE - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= m && x <= SIZE - m && y >= m && y <= SIZE - m;
}

/** The colour of the mark at a point (icon pixel coordinates, fractional). */
function sample(x: number, y: number): Rgba {
  if (!insideRoundedSquare(x, y)) return [0, 0, 0, 0];
  const t = y / SIZE;
  let colour: Rgba = [Math.round(16 + 10 * t), Math.round(44 - 16 * t), Math.round(74 - 26 * t), 255];
  if ((x - 360) ** 2 + (y - 150) ** 2 <= 52 ** 2) colour = [245, 185, 66, 255];
  const river = 410 + 10 * Math.sin((x / SIZE) * Math.PI * 3);
  if (y >= river && y <= river + 30) colour = [63, 167, 214, 255];
  for (const [left, right, top] of TOWERS) {
    if (x >= left && x <= right && y >= top && y <= GROUND) {
      // Windows: a grid of darker cells makes the bars read as buildings at large sizes.
      const wx = (x - left) % 14;
      const wy = (y - top) % 18;
      const cellBottom = y - wy + 14;
      const window = wx > 5 && wx < 11 && wy > 7 && wy < 14 && cellBottom <= GROUND - 6 && right - left > 30;
      colour = window ? [150, 176, 204, 255] : [232, 238, 245, 255];
    }
  }
  // The antenna on the tallest tower, a nod to the skyline's landmark mast.
  if (x >= 273 && x <= 279 && y >= 70 && y < 118) colour = [232, 238, 245, 255];
  return colour;
}

export function drawIcon(): Uint8Array {
  const rgba = new Uint8Array(SIZE * SIZE * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [cr, cg, cb, ca] = sample(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const o = (py * SIZE + px) * 4;
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round(a / n);
    }
  }
  return rgba;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
  const png = encodePng(SIZE, SIZE, drawIcon());
  writeFileSync(out, png);
  console.log(`Wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)`);
}
