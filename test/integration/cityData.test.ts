// workers/data on the real city build: surface-model windows cut across the edges of the build's
// two rasters hold exactly the raw files' values (noData where no raster reaches); inside one raster
// a window is the old crop; the files come back the same over HTTP from the real host on loopback
// as from disk; every raster is read once per CityData.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { readBytes } from '../../workers/data/cityFiles.js';
import { createCityData, openCityData, type CityData } from '../../workers/data/cityData.js';
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
  fileUrl = pathToFileURL(`${city.root}/`).href;
  fx = createHostFixture();
  server = await startHostServer({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: city.root, port: 0 });
});

afterAll(async () => {
  await server?.close();
  fx?.cleanup();
  city?.remove();
});

/** The raw value at an EPSG:5186 cell centre from whichever raster file holds it, else null. */
function rawAt(rasters: RasterGrid[], x: number, y: number): number | null {
  for (const g of rasters) {
    const col = Math.floor((x - g.originX) / g.cellSize),
      row = Math.floor((g.originY - y) / g.cellSize);
    if (col >= 0 && row >= 0 && col < g.width && row < g.height) return g.values[row * g.width + col];
  }
  return null;
}

describe('surface-model windows', () => {
  it('cut across the edges of both rasters hold the raw file values, noData where none reaches', async () => {
    const [a, b] = ['cheonggyecheon', 'hongjecheon'].map((area) => city.dsm(area));
    // A strip from inside Hongjecheon's raster, over the gap between the two, into Cheonggyecheon's.
    const area = { minX: b.originX + b.width - 150, maxX: a.originX + 90, minY: b.originY - b.height - 60, maxY: b.originY - b.height + 40 };
    const win = await createCityData(fileUrl).surfaceWindow(area, 20);
    expect(win.areas.sort()).toEqual(['cheonggyecheon', 'hongjecheon']);
    expect(win.problems).toEqual([expect.stringMatching(/reaches beyond the surface model "(cheonggyecheon|hongjecheon)" and "/)]);
    const g = win.grid;
    let fromA = 0,
      fromB = 0,
      none = 0;
    for (let r = 0; r < g.height; r++)
      for (let c = 0; c < g.width; c++) {
        const x = g.originX + (c + 0.5) * g.cellSize,
          y = g.originY - (r + 0.5) * g.cellSize;
        const raw = rawAt([a, b], x, y);
        const v = g.values[r * g.width + c];
        if (raw === null) {
          none++;
          if (v !== g.noData) throw new Error(`cell ${r}/${c} has ${v}, no raster holds it`);
        } else {
          if (v !== raw) throw new Error(`cell ${r}/${c}: ${v}, raw file ${raw}`);
          if (x >= a.originX) fromA++;
          else fromB++;
        }
      }
    expect(fromA).toBeGreaterThan(1000);
    expect(fromB).toBeGreaterThan(1000);
    expect(none).toBeGreaterThan(1000);
    // The window reaches as far as either raster's cells reach into area + margin, no farther.
    expect(g.originX).toBe(b.originX + b.width - 170);
    expect(g.originX + g.width).toBe(a.originX + 110);
  });

  it('inside one raster are the raster cropped to area + margin, as the app cut them before', async () => {
    const a = city.dsm('cheonggyecheon');
    const area = { minX: a.originX + 500.3, maxX: a.originX + 800.7, minY: a.originY - 700.2, maxY: a.originY - 450.9 };
    const win = await createCityData(fileUrl).surfaceWindow(area, 400);
    const old = cropGrid(a, area.minX - 400, area.minY - 400, area.maxX + 400, area.maxY + 400)!;
    expect({ ...win.grid, values: null }).toEqual({ ...old, values: null });
    expect(Buffer.from(win.grid.values.buffer).equals(Buffer.from(old.values.buffer))).toBe(true);
    expect(win.bounds).toEqual(area);
    expect(win.problems).toEqual([]);
  });

  it('clip an area that leaves the raster and say so; refuse one outside every raster', async () => {
    const a = city.dsm('cheonggyecheon');
    const area = { minX: a.originX + a.width - 100, maxX: a.originX + a.width + 100, minY: a.originY - 300, maxY: a.originY - 200 };
    const data = createCityData(fileUrl);
    const win = await data.surfaceWindow(area, 0);
    expect(win.bounds.maxX).toBe(a.originX + a.width);
    expect(win.grid.width).toBe(100);
    expect(win.problems).toEqual(['the scenario area reaches beyond the surface model "cheonggyecheon": results cover only the part inside it']);
    await expect(data.surfaceWindow({ minX: 100000, maxX: 100100, minY: 500000, maxY: 500100 }, 400)).rejects.toThrow(
      /outside every surface model of the build/,
    );
    expect(() => planSurfaceWindow([], area, 0)).toThrow(/no surface model/);
  });
});

describe('reading a build', () => {
  it('gives the same bytes over HTTP from the real host as from disk', async () => {
    const httpUrl = `${server.url}city/`;
    const info = city.manifest.dsm[0];
    const fromDisk = await readBytes(new URL(info.rawPath, fileUrl).href);
    const overHttp = await readBytes(new URL(info.rawPath, httpUrl).href);
    expect(overHttp.byteLength).toBe(info.width * info.height * 4);
    expect(Buffer.from(overHttp).equals(Buffer.from(fromDisk))).toBe(true);
    expect(Buffer.from(fromDisk).equals(readFileSync(`${city.root}/${info.rawPath}`))).toBe(true);

    const [web, disk] = [createCityData(httpUrl), createCityData(fileUrl)];
    const area = { minX: info.originX + 100, maxX: info.originX + 400, minY: info.originY - 400, maxY: info.originY - 100 };
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

  it('reads each raster once per CityData, and one CityData serves a build per worker', async () => {
    const reads: string[] = [];
    const data: CityData = createCityData(fileUrl, (url) => {
      reads.push(url.slice(fileUrl.length));
      return readBytes(url);
    });
    const info = city.manifest.dsm[1];
    const area = { minX: info.originX + 100, maxX: info.originX + 300, minY: info.originY - 300, maxY: info.originY - 100 };
    await Promise.all([data.surfaceWindow(area, 0), data.surfaceWindow(area, 400)]);
    await data.surfaceWindow(area, 100);
    await data.footprints();
    await data.footprints();
    expect(reads.filter((r) => r === info.rawPath)).toHaveLength(1);
    expect(reads.filter((r) => r === 'manifest.json')).toHaveLength(1);
    expect(reads.filter((r) => r === city.manifest.footprints!.path)).toHaveLength(1);
    data.destroy();
    await data.surfaceWindow(area, 0);
    expect(reads.filter((r) => r === info.rawPath)).toHaveLength(2);
    expect(openCityData(fileUrl)).toBe(openCityData(fileUrl.slice(0, -1)));
  });
});
