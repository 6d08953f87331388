// workers/data on the real city build: surface-model windows cut across tile seams and past a
// missing tile hold exactly the cells each tile gives alone (noData where no tile is); inside an
// area a window is its cells cropped; the files come back the same over HTTP from the real host on
// loopback as from disk; every tile is read once per CityData.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { readBytes } from '../../workers/data/cityFiles.js';
import { createCityData, openCityData, type CityData } from '../../workers/data/cityData.js';
import { tileFrame, tilePath } from '../../workers/data/surfaceTile.js';
import { planSurfaceWindow } from '../../workers/data/surfaceWindow.js';
import { cropGrid } from '../../workers/grid/cropGrid.js';
import { createHostFixture, type HostFixture } from '../support/hostFixture.js';
import { buildTestCity, type TestCity } from '../support/testCity.js';

let city: TestCity;
let fileUrl: string;
let fx: HostFixture;
let server: HostServer;

beforeAll(async () => {
  city = await buildTestCity('data');
  fileUrl = city.url;
  fx = createHostFixture();
  server = await startHostServer({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: city.root, port: 0 });
});

afterAll(async () => {
  await server?.close();
  fx?.cleanup();
  city?.remove();
});

/** The value at an EPSG:5186 cell centre from whichever grid holds it, else null. */
function rawAt(rasters: RasterGrid[], x: number, y: number): number | null {
  for (const g of rasters) {
    const col = Math.floor((x - g.originX) / g.cellSize),
      row = Math.floor((g.originY - y) / g.cellSize);
    if (col >= 0 && row >= 0 && col < g.width && row < g.height) return g.values[row * g.width + col];
  }
  return null;
}

/** Every tile of the build read alone (a window of exactly its cells). */
async function eachTileAlone(data: CityData): Promise<RasterGrid[]> {
  const surface = city.manifest.surface!;
  return Promise.all(
    surface.tiles.map(async (key) => {
      const f = tileFrame(surface, key);
      return (await data.surfaceWindow({ minX: f.originX, maxX: f.originX + f.width, minY: f.originY - f.height, maxY: f.originY }, 0)).grid;
    }),
  );
}

describe('surface-model windows', () => {
  it("cut across tile seams and past a missing tile hold each tile's own cells, noData where no tile is", async () => {
    const [a, b] = ['cheonggyecheon', 'hongjecheon'].map((area) => city.areaInfo(area));
    // A strip from Hongjecheon's cells, over the tile between the two areas (none), into Cheonggyecheon's.
    const area = { minX: b.maxX - 150, maxX: a.minX + 90, minY: b.minY - 60, maxY: b.minY + 40 };
    const data = createCityData(fileUrl);
    const win = await data.surfaceWindow(area, 20);
    expect(win.areas.sort()).toEqual(['cheonggyecheon', 'hongjecheon']);
    expect(win.problems).toEqual([expect.stringMatching(/reaches beyond the surface model \(no tile 196_552\)/)]);
    expect(win.tiles).toEqual(['194_552', '195_552', '197_552']);
    const tiles = await eachTileAlone(createCityData(fileUrl));
    const g = win.grid;
    let fromA = 0,
      fromB = 0,
      none = 0;
    for (let r = 0; r < g.height; r++)
      for (let c = 0; c < g.width; c++) {
        const x = g.originX + (c + 0.5) * g.cellSize,
          y = g.originY - (r + 0.5) * g.cellSize;
        const raw = rawAt(tiles, x, y);
        const v = g.values[r * g.width + c];
        if (raw === null) {
          none++;
          if (v !== g.noData) throw new Error(`cell ${r}/${c} has ${v}, no tile holds it`);
        } else {
          if (v !== raw) throw new Error(`cell ${r}/${c}: ${v}, the tile alone ${raw}`);
          if (x >= a.minX) fromA++;
          else fromB++;
        }
      }
    expect(fromA).toBeGreaterThan(1000);
    expect(fromB).toBeGreaterThan(1000);
    expect(none).toBeGreaterThan(1000);
    // The window reaches as far as the tiles' cells reach into area + margin.
    expect(g.originX).toBe(b.maxX - 170);
    expect(g.originX + g.width).toBe(a.minX + 110);
  });

  it('inside an area are its cells cropped to area + margin, as the app cut them before', async () => {
    const a = city.dsm('cheonggyecheon');
    const area = { minX: a.originX + 500.3, maxX: a.originX + 800.7, minY: a.originY - 600.2, maxY: a.originY - 450.9 };
    const win = await createCityData(fileUrl).surfaceWindow(area, 400);
    const old = cropGrid(a, area.minX - 400, area.minY - 400, area.maxX + 400, area.maxY + 400)!;
    expect({ ...win.grid, values: null }).toEqual({ ...old, values: null });
    expect(Buffer.from(win.grid.values.buffer).equals(Buffer.from(old.values.buffer))).toBe(true);
    expect(win.bounds).toEqual(area);
    expect(win.problems).toEqual([]);
  });

  it('clip an area that leaves the tiles and say so; refuse one outside every tile', async () => {
    const a = city.areaInfo('cheonggyecheon');
    // Tile 199_552 is the model's easternmost there.
    const area = { minX: 200_000 - 100, maxX: 200_000 + 100, minY: a.maxY - 300, maxY: a.maxY - 200 };
    const data = createCityData(fileUrl);
    const win = await data.surfaceWindow(area, 0);
    expect(win.bounds.maxX).toBe(200_000);
    expect(win.grid.width).toBe(100);
    expect(win.problems).toEqual(['the scenario area reaches beyond the surface model (no tile 200_552): results cover only the part inside it']);
    await expect(data.surfaceWindow({ minX: 100000, maxX: 100100, minY: 500000, maxY: 500100 }, 400)).rejects.toThrow(
      /outside every tile of the build's surface model/,
    );
    expect(() => planSurfaceWindow({}, area, 0)).toThrow(/no surface model/);
  });
});

describe('reading a build', () => {
  it('gives the same bytes over HTTP from the real host as from disk', async () => {
    const httpUrl = `${server.url}city/`;
    const surface = city.manifest.surface!;
    const tile = tilePath(surface, surface.tiles[0]);
    const fromDisk = await readBytes(new URL(tile, fileUrl).href);
    const overHttp = await readBytes(new URL(tile, httpUrl).href);
    expect(overHttp.byteLength).toBeGreaterThan(10_000);
    expect(Buffer.from(overHttp).equals(Buffer.from(fromDisk))).toBe(true);
    expect(Buffer.from(fromDisk).equals(readFileSync(`${city.root}/${tile}`))).toBe(true);

    const [web, disk] = [createCityData(httpUrl), createCityData(fileUrl)];
    const info = city.areaInfo('cheonggyecheon');
    // Across the seam of four tiles (x 198000, y 552000).
    const area = { minX: 198_000 - 150, maxX: 198_000 + 150, minY: 552_000 - 150, maxY: 552_000 + 150 };
    expect(area.minX).toBeGreaterThan(info.minX);
    const [w, d] = await Promise.all([web.surfaceWindow(area, 50), disk.surfaceWindow(area, 50)]);
    expect(Buffer.from(w.grid.values.buffer).equals(Buffer.from(d.grid.values.buffer))).toBe(true);
    expect(await web.footprints()).toEqual(city.footprints());
    expect(await web.groundLayer('water')).toEqual(await disk.groundLayer('water'));
    const [hw, hd] = await Promise.all([web.pointLayer('fire-hydrants'), disk.pointLayer('fire-hydrants')]);
    expect(hw!.lonLat.length).toBe(hw!.info.count * 2);
    expect(hw!.lonLat).toEqual(hd!.lonLat);
    expect((await hw!.attributes())[hw!.info.idColumn]).toEqual((await hd!.attributes())[hd!.info.idColumn]);
    expect(await web.groundLayer('no-such-layer')).toBeNull();
  });

  it('reads each tile once per CityData, and one CityData serves a build per worker', async () => {
    const reads: string[] = [];
    const data: CityData = createCityData(fileUrl, (url) => {
      reads.push(url.slice(fileUrl.length));
      return readBytes(url);
    });
    const info = city.areaInfo('hongjecheon');
    const area = { minX: info.minX + 100, maxX: info.minX + 300, minY: info.maxY - 300, maxY: info.maxY - 100 };
    const tile = tilePath(city.manifest.surface!, [Math.floor(area.minX / 1000), Math.floor(area.minY / 1000)]);
    await Promise.all([data.surfaceWindow(area, 0), data.surfaceWindow(area, 400)]);
    await data.surfaceWindow(area, 100);
    await data.footprints();
    await data.footprints();
    const tileReads = reads.filter((r) => r.startsWith(`${city.manifest.surface!.dir}/`));
    expect(tileReads.length).toBeGreaterThan(1);
    expect(new Set(tileReads).size).toBe(tileReads.length);
    expect(reads.filter((r) => r === tile)).toHaveLength(1);
    expect(reads.filter((r) => r === 'manifest.json')).toHaveLength(1);
    expect(reads.filter((r) => r === city.manifest.footprints!.path)).toHaveLength(1);
    data.destroy();
    await data.surfaceWindow(area, 0);
    expect(reads.filter((r) => r === tile)).toHaveLength(2);
    expect(openCityData(fileUrl)).toBe(openCityData(fileUrl.slice(0, -1)));
  });
});
