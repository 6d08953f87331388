// The building overview's tiles against an independent oracle: the 6,428 real footprints of the
// national building layer around Gangnam Station, drawn with alpha = coverage (fullCoverage 1),
// decoded by GDAL; the covered area read back from the pixels, per height source (a recorded height
// is measured, else recorded floors, else the default by use), must match the footprints' areas that
// GDAL computes itself (OGR_GEOM_AREA, square degrees: the geographic tiles are linear in lon, lat). At level 15 (~2.4 m pixels) buildings are scanned across many pixels;
// at level 11 (~38 m) most lie inside one pixel and count by their area.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildingOverviewInfo } from '../../../common/buildFormat.js';
import type { HeightSource } from '../../../common/buildFormat.js';
import { BUILDING_OVERVIEW_CLASSES, overviewClassOf } from '../../../common/buildingOverview.js';
import type { TileRange } from '../../../common/tileRanges.js';
import { writeBuildingOverview } from '../../../tiles/layers/writeBuildingOverview.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const FILE = join(DATA_DIR, 'buildings/gangnam_station_al_d010_2026_buildings.geojson');
const LAYER = 'gangnam_station_al_d010_2026_buildings';

let out: string;
let info: BuildingOverviewInfo;
/** Per class (height source): the footprints' area by GDAL, square degrees. */
const oracleArea = new Float64Array(BUILDING_OVERVIEW_CLASSES.length);

/** The file's height source by its fields, as both readers see them. */
const sourceOf = (height: unknown, levels: unknown): HeightSource => (height ? 'measured' : levels ? 'floors' : 'default-by-use');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vseoul-overview-'));
  const doc = JSON.parse(readFileSync(FILE, 'utf8')) as {
    features: { properties: { height: string | null; 'building:levels'?: string | null }; geometry: { type: string; coordinates: number[][][] } }[];
  };
  const buildings = doc.features.map((f) => ({
    heightSource: sourceOf(f.properties.height, f.properties['building:levels']),
    polygons: [f.geometry.coordinates as [number, number][][]],
  }));
  expect(doc.features.every((f) => f.geometry.type === 'Polygon')).toBe(true);
  info = await writeBuildingOverview(buildings, out, { maxLevel: 15, fullCoverage: 1 });
  const csv = execFileSync(
    'ogr2ogr',
    ['-f', 'CSV', '/vsistdout/', FILE, '-dialect', 'OGRSQL', '-sql', `SELECT height, "building:levels" AS levels, OGR_GEOM_AREA AS area FROM ${LAYER}`],
    {
      encoding: 'utf8',
    },
  );
  for (const line of csv.trim().split('\n').slice(1)) {
    const [height, levels, area] = line.split(',').map((v) => v.replaceAll('"', ''));
    oracleArea[overviewClassOf(sourceOf(height, levels))] += Number(area);
  }
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Covered area per class (square degrees) read back from the level's tiles: each pixel's alpha step is its coverage. */
function areaFromTiles(z: number): Float64Array {
  const steps = Math.floor(255 / info.classes.length);
  const degPerPixel = 180 / 2 ** z / 256;
  const area = new Float64Array(info.classes.length);
  const dir = join(out, 'layers/buildings-overview', String(z));
  for (const x of readdirSync(dir))
    for (const name of readdirSync(join(dir, x)).filter((n) => n.endsWith('.png'))) {
      const png = join(dir, x, name);
      execFileSync('gdal_translate', ['-q', '-of', 'ENVI', png, `${png}.bin`]);
      for (const index of readFileSync(`${png}.bin`)) {
        if (index === 0) continue;
        area[Math.floor((index - 1) / steps)] += ((((index - 1) % steps) + 1) / steps) * degPerPixel ** 2;
      }
    }
  return area;
}

describe('the building overview tiles', () => {
  it('lists in tiles.json exactly the tiles it wrote, levels 0-15', () => {
    const available = (JSON.parse(readFileSync(join(out, info.availablePath), 'utf8')) as { available: TileRange[][] }).available;
    const listed = available.flatMap((ranges) => ranges.reduce((n, r) => n + (r.endX - r.startX + 1) * (r.endY - r.startY + 1), 0)).reduce((a, b) => a + b, 0);
    expect(available).toHaveLength(16);
    expect(listed).toBe(info.tileCount);
    expect(info.buildings).toBe(6428);
  });

  it('covers, per height source, the footprints’ area by GDAL at level 15 (buildings across pixels)', () => {
    const drawn = areaFromTiles(15);
    const total = oracleArea.reduce((a, b) => a + b, 0);
    console.log(
      `level 15: drawn / GDAL area per class ${[...drawn].map((a, k) => `${BUILDING_OVERVIEW_CLASSES[k].source}: ${oracleArea[k] ? (a / oracleArea[k]).toFixed(4) : a}`).join(', ')}`,
    );
    // Measured heights and defaults hold buildings here (no citizen edits in a source file); an error is judged against the class's own area.
    expect(oracleArea[overviewClassOf('measured')]).toBeGreaterThan(0.5 * total);
    expect(oracleArea[overviewClassOf('default-by-use')]).toBeGreaterThan(0.01 * total);
    for (let k = 0; k < drawn.length; k++) {
      if (oracleArea[k] === 0) expect(drawn[k]).toBe(0);
      else expect(Math.abs(drawn[k] / oracleArea[k] - 1)).toBeLessThan(0.02);
    }
  });

  it('covers the footprints’ total area at level 11 too, where most lie inside one pixel', () => {
    const drawn = areaFromTiles(11).reduce((a, b) => a + b, 0);
    const total = oracleArea.reduce((a, b) => a + b, 0);
    console.log(`level 11: drawn / GDAL area ${(drawn / total).toFixed(4)}`);
    expect(Math.abs(drawn / total - 1)).toBeLessThan(0.02);
  });
});
