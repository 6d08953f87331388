// npm run surface -- (--area W,S,E,N | --bounds MINX,MINY,MAXX,MAXY | --name AREA) --out FILE.tif [--margin M] [--city DIR|URL]
// Writes any window of a build's tiled surface model as a GeoTIFF (EPSG:5186, Float32, 1 m cells),
// read through workers/data exactly as the analyses read it.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createCityData } from '../../workers/data/cityData.js';
import { surfaceWindowGeoTiff } from '../../workers/data/surfaceExport.js';
import type { Bounds5186 } from '../../workers/data/surfaceWindow.js';
import { areaBounds5186 } from '../../workers/planning/analysisWindow.js';
import { defaultBuildDir } from './defaultPaths.js';

const USAGE = `Usage: npm run surface -- (--area W,S,E,N | --bounds MINX,MINY,MAXX,MAXY | --name AREA) --out FILE.tif [--margin M] [--city DIR|URL]

  --area W,S,E,N      lon/lat degrees (WGS84) of the window's corners
  --bounds X0,Y0,X1,Y1  the window in EPSG:5186 metres
  --name AREA         a building area of the build (its buildings' box + 100 m), e.g. cheonggyecheon
  --margin M          metres added on every side (default 0)
  --out FILE.tif      GeoTIFF to write (EPSG:5186, Float32, noData -9999)
  --city DIR|URL      city build (default: $VSEOUL_BUILD_DIR or <repo>/city-build); http(s) URLs work too`;

function numbers(text: string, what: string): [number, number, number, number] {
  const v = text.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) throw new Error(`${what} needs four numbers separated by commas, got "${text}"`);
  return v as [number, number, number, number];
}

async function main(): Promise<number> {
  try {
    const args = parseArgs({
      options: {
        area: { type: 'string' },
        bounds: { type: 'string' },
        name: { type: 'string' },
        margin: { type: 'string' },
        out: { type: 'string' },
        city: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
    if (args.help) {
      console.log(USAGE);
      return 0;
    }
    if ([args.area, args.bounds, args.name].filter(Boolean).length !== 1) throw new Error('give exactly one of --area, --bounds, --name');
    if (!args.out) throw new Error('--out FILE.tif is missing');
    const margin = Number(args.margin ?? 0);
    if (!(margin >= 0)) throw new Error(`--margin must be a number of metres >= 0, got "${args.margin}"`);
    const city = args.city ?? defaultBuildDir();
    const url = /^https?:/.test(city) ? city : pathToFileURL(`${path.resolve(city)}/`).href;
    const data = createCityData(url);
    let area: Bounds5186;
    if (args.area) {
      const [west, south, east, north] = numbers(args.area, '--area');
      area = areaBounds5186({ west, south, east, north });
    } else if (args.bounds) {
      const [minX, minY, maxX, maxY] = numbers(args.bounds, '--bounds');
      area = { minX, minY, maxX, maxY };
    } else {
      const areas = (await data.manifest()).surface?.areas ?? [];
      const name = args.name;
      const found = areas.find((a) => a.area === name);
      if (!found) throw new Error(`no area "${name}" in the build (areas: ${areas.map((a) => a.area).join(', ') || 'none'})`);
      area = found;
    }
    const started = performance.now();
    const { window, tiff } = await surfaceWindowGeoTiff(data, area, margin);
    await writeFile(args.out, tiff);
    const g = window.grid;
    console.log(
      `${args.out}: ${g.width} x ${g.height} cells of ${g.cellSize} m (EPSG:5186, upper-left ${g.originX}, ${g.originY}) from tiles ${window.tiles.join(', ')}, ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
    for (const p of window.problems) console.log(`problem: ${p}`);
    return 0;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 1;
  }
}

process.exitCode = await main();
