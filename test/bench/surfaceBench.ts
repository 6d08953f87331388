// Surface-model window reads through workers/data (what every analysis does first): 1 km² and 4 km²
// windows from disk (file:) and over HTTP from the real host on loopback, cold (a fresh CityData:
// the tiles are read, inflated and decoded) and warm (tiles cached: the cells derived only).
// The build: $VSEOUL_CITY_DIR (e.g. a whole-city build), else the default build made here. The
// windows are centred on the area with the most buildings.
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { startHostServer } from '../../main/host/httpServer.js';
import { createCityData } from '../../workers/data/cityData.js';
import { createHostFixture } from '../support/hostFixture.js';
import { benchCityDir } from '../support/testCity.js';
import { median, type Bench, type Figure } from './figures.js';

const REPEATS = 3;

export const surfaceBench: Bench = {
  name: 'surface',
  description: 'surface-model window reads (1 km², 4 km²) through workers/data from disk and over HTTP, cold and warm',
  async run(): Promise<Figure[]> {
    const build = await benchCityDir('surfacebench');
    const root = build.root;
    const fx = createHostFixture();
    try {
      const server = await startHostServer({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: root, port: 0 });
      const figures: Figure[] = [];
      try {
        const urls = { disk: pathToFileURL(`${root}/`).href, http: `${server.url}city/` };
        const manifest = await createCityData(urls.disk).manifest();
        const busiest = [...(manifest.surface?.areas ?? [])].sort((a, b) => b.buildings - a.buildings)[0];
        if (!busiest) throw new Error(`${root} has no surface model`);
        const cx = Math.round((busiest.minX + busiest.maxX) / 2),
          cy = Math.round((busiest.minY + busiest.maxY) / 2);
        console.log(
          `build ${root}: ${manifest.surface!.tiles.length} tiles; windows centred on ${busiest.area} (${cx}, ${cy}); load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`,
        );
        // One untimed read first, so the first figure does not carry the engine's warm-up.
        await createCityData(urls.disk).surfaceWindow({ minX: cx - 500, maxX: cx + 500, minY: cy - 500, maxY: cy + 500 }, 0);
        for (const side of [1000, 2000]) {
          const area = { minX: cx - side / 2, maxX: cx + side / 2, minY: cy - side / 2, maxY: cy + side / 2 };
          const size = `${(side / 1000) ** 2} km² (${side} x ${side} cells of 1 m), ${busiest.area}`;
          for (const [where, url] of Object.entries(urls)) {
            const cold: number[] = [],
              warm: number[] = [];
            let tiles = 0;
            for (let i = 0; i < REPEATS; i++) {
              const data = createCityData(url);
              await data.manifest();
              let t = performance.now();
              tiles = (await data.surfaceWindow(area, 0)).tiles.length;
              cold.push((performance.now() - t) / 1000);
              t = performance.now();
              await data.surfaceWindow(area, 0);
              warm.push((performance.now() - t) / 1000);
              data.destroy();
            }
            console.log(`${size} from ${where}: ${tiles} tiles, cold ${median(cold).toFixed(3)} s, warm ${median(warm).toFixed(3)} s (median of ${REPEATS})`);
            figures.push(
              { bench: 'surface', metric: `window read, ${where}, cold (tiles read and decoded)`, value: median(cold), unit: 's', size },
              { bench: 'surface', metric: `window read, ${where}, warm (tiles cached)`, value: median(warm), unit: 's', size },
            );
          }
        }
      } finally {
        await server.close();
      }
      return figures;
    } finally {
      fx.cleanup();
      build.remove();
    }
  },
};
