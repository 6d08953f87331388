// The whole city in Chromium against the real city build: at the city-wide view (?view= and the All
// of Seoul control) the ground layers show across Seoul, not only around the building patches, drawn
// from the build's imagery tiles (no request for a tile the build left out); at a street view they
// show the same places at street detail. Where a layer shows is checked against its GeoJSON (the
// oracle: points well inside its polygons, read in Node), by the pixel with the layer on and off.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CityManifest } from '../../common/buildFormat.js';
import { groundStyle, rgbOf } from '../../common/groundStyle.js';
import { globeShot, openApp, pixelsAt, setLayer, waitForView } from './app.js';
import { layerPolygons, M_PER_DEG, onMap, pointsInside, type Ring } from './mapPoints.js';

const CITY_VIEW = '126.76,37.42,127.21,37.71';
/** Straight down on City Hall and Seoul Plaza. */
const STREET_VIEW = '126.975,37.5637,126.983,37.5707';

function cityDir(): string {
  const dir = process.env.VSEOUL_E2E_CITY;
  if (!dir) throw new Error('VSEOUL_E2E_CITY is not set: run through `playwright test` (globalSetup builds the city)');
  return dir;
}

function manifestOf(): CityManifest {
  return JSON.parse(readFileSync(path.join(cityDir(), 'manifest.json'), 'utf8')) as CityManifest;
}

/** Points along a line layer's lines inside `box`, every `stepM` metres or so. */
function pointsAlong(manifest: CityManifest, id: string, box: number[], stepM: number): [number, number][] {
  const info = manifest.layers.find((l) => l.id === id)!;
  const doc = JSON.parse(readFileSync(path.join(cityDir(), info.path), 'utf8')) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  const lines = doc.features.flatMap(({ geometry: g }) =>
    g.type === 'LineString' ? [g.coordinates as Ring] : g.type === 'MultiLineString' ? (g.coordinates as Ring[]) : [],
  );
  const points: [number, number][] = [];
  for (const line of lines)
    for (let k = 0; k + 1 < line.length; k++) {
      const [[x0, y0], [x1, y1]] = [line[k], line[k + 1]];
      const steps = Math.max(1, Math.ceil((Math.hypot((x1 - x0) * Math.cos((y0 * Math.PI) / 180), y1 - y0) * M_PER_DEG) / stepM));
      for (let i = 0; i < steps; i++) {
        const [lon, lat] = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps];
        if (lon > box[0] && lon < box[2] && lat > box[1] && lat < box[3]) points.push([lon, lat]);
      }
    }
  return points;
}

/**
 * Where `layer` is drawn at `positions`: the share of positions where, with the layer on, a pixel
 * (of the (2r+1)^2 around it: lines are a few pixels wide) is the layer's colour at its alpha over
 * what shows there with the layer off. Globe lighting scales both alike: the check is on the colour
 * the pixel moved towards, the same factor in every channel.
 */
async function layerShows(page: Page, layer: string, positions: { x: number; y: number }[], r = 0): Promise<number> {
  const style = groundStyle(layer);
  const fills = !style.outlinePolygons && style.fill !== null;
  const colour = rgbOf(fills ? style.fill! : style.line);
  const a = fills ? style.fillAlpha : style.lineAlpha;
  const around = positions.flatMap(({ x, y }) => {
    const list: { x: number; y: number }[] = [];
    for (let dx = -r; dx <= r; dx++) for (let dy = -r; dy <= r; dy++) list.push({ x: x + dx, y: y + dy });
    return list;
  });
  const on = await pixelsAt(page, await page.screenshot(), around);
  await setLayer(page, layer, false);
  const off = await pixelsAt(page, await page.screenshot(), around);
  await setLayer(page, layer, true);
  // on = a * L * colour + (1 - a) * off, L the globe's lighting (0.6-1.2 in daylight).
  const lighting = (i: number) => [0, 1, 2].map((c) => (on[i][c] - (1 - a) * off[i][c]) / (a * colour[c]));
  const isLayerColour = (i: number) => {
    const lit = lighting(i);
    const light = lit.reduce((s, v) => s + v, 0) / 3;
    return light > 0.6 && light < 1.2 && lit.every((v) => Math.abs(v - light) < 0.12);
  };
  const per = (2 * r + 1) ** 2;
  let shown = 0;
  for (let p = 0; p < positions.length; p++) if (Array.from({ length: per }, (_, k) => p * per + k).some(isLayerColour)) shown++;
  const examples = [0, 1, 2].filter((p) => p < positions.length).map((p) => `on ${on[p * per].join(',')} off ${off[p * per].join(',')}`);
  console.log(`${layer}: ${shown} of ${positions.length} points drawn in its colour; e.g. ${examples.join('; ')}`);
  return shown / positions.length;
}

test('the city-wide view shows the Han River and parks across the whole city, from imagery tiles', async ({ page }) => {
  test.setTimeout(300_000);
  const manifest = manifestOf();
  const layerRequests: string[] = [];
  const failed: string[] = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/city/layers/')) return;
    layerRequests.push(url.pathname);
    if (r.status() !== 200) failed.push(`${r.status()} ${url.pathname}`);
  });
  await openApp(page, { lang: 'en', view: CITY_VIEW });
  await globeShot(page, 'city-wide');
  const pngs = layerRequests.filter((p) => p.endsWith('.png'));
  console.log(`city-wide view: ${pngs.length} ground-layer imagery tiles requested (${layerRequests.length - pngs.length} other layer files)`);
  expect(failed, 'every requested layer file exists (tiles the build left out are never asked for)').toEqual([]);
  for (const id of ['water', 'parks', 'districts']) expect(pngs.some((p) => p.startsWith(`/city/layers/${id}/`))).toBe(true);

  // District lines (along the Han River's middle) and waterway lines over the water would hide the fills.
  await setLayer(page, 'districts', false);
  await setLayer(page, 'waterways', false);
  // Far from the old patches: at least 3 km from the buildings' box.
  const far = [manifest.bbox];
  const water = await onMap(page, pointsInside(layerPolygons(cityDir(), manifest, 'water'), manifest.extent!, 0.002, 250, far, 3000));
  const parks = await onMap(page, pointsInside(layerPolygons(cityDir(), manifest, 'parks'), manifest.extent!, 0.005, 250, far, 3000));
  // The Han River runs from Gangseo (west) to Gangdong (east); parks from Bukhansan to Gwanaksan.
  const spanOf = (ps: { lon: number; lat: number }[], k: 'lon' | 'lat') => Math.max(...ps.map((p) => p[k])) - Math.min(...ps.map((p) => p[k]));
  console.log(`points well inside: water ${water.length} (spanning ${spanOf(water, 'lon').toFixed(2)}° east-west), parks ${parks.length}`);
  expect(water.length).toBeGreaterThan(30);
  expect(spanOf(water, 'lon')).toBeGreaterThan(0.3);
  expect(parks.length).toBeGreaterThan(30);
  expect(spanOf(parks, 'lat')).toBeGreaterThan(0.15);
  expect(await layerShows(page, 'water', water)).toBeGreaterThan(0.95);
  expect(await layerShows(page, 'parks', parks)).toBeGreaterThan(0.95);
});

test('All of Seoul (button and Shift+H) shows the whole city beside the side panel; Home returns', async ({ page }) => {
  const manifest = manifestOf();
  const [w, s, e, n] = manifest.extent!;
  const corners: [number, number][] = [
    [w, s],
    [w, n],
    [e, s],
    [e, n],
  ];
  await openApp(page, { lang: 'en' });
  const start = await onMap(page, corners);
  expect(start.length).toBeLessThan(4); // the start view is a street view
  await page.click('#view-city');
  await waitForView(page);
  const byButton = await onMap(page, corners);
  expect(byButton, 'every corner of the city on the free part of the map').toHaveLength(4);
  await globeShot(page, 'all-of-seoul');
  await page.keyboard.press('Home');
  await waitForView(page);
  expect(await onMap(page, corners)).toHaveLength(start.length);
  await page.keyboard.press('Shift+H');
  await waitForView(page);
  const byKey = await onMap(page, corners);
  expect(byKey).toHaveLength(4);
  byKey.forEach((p, i) => expect(Math.hypot(p.x - byButton[i].x, p.y - byButton[i].y)).toBeLessThan(1));
});

test('a street view shows Seoul Plaza, Deoksugung and Cheonggyecheon in the ground layers at street detail', async ({ page }) => {
  test.setTimeout(300_000);
  const manifest = manifestOf();
  await openApp(page, { lang: 'en', view: STREET_VIEW });
  await globeShot(page, 'street-view');
  await setLayer(page, 'buildings', false);
  await setLayer(page, 'districts', false);
  const box = STREET_VIEW.split(',').map(Number);
  const parks = await onMap(page, pointsInside(layerPolygons(cityDir(), manifest, 'parks'), box, 0.0002, 4));
  // Cheonggyecheon is a waterway line here (2 px wide): a pixel next to each point is its colour.
  const stream = await onMap(page, pointsAlong(manifest, 'waterways', box, 20));
  console.log(`street view: ${parks.length} points well inside parks, ${stream.length} along Cheonggyecheon`);
  // Seoul Plaza alone is ~120 x 110 m: dozens of lattice points.
  expect(parks.length).toBeGreaterThan(20);
  expect(stream.length).toBeGreaterThan(10);
  expect(await layerShows(page, 'parks', parks)).toBeGreaterThan(0.95);
  expect(await layerShows(page, 'waterways', stream, 1)).toBeGreaterThan(0.9);
});
