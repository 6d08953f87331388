// An independent computation of the merge counts of tiles/sources/seoul-all.json with GDAL:
// ogr2ogr loads the real files into a SpatiaLite database (PROJ reprojects the Teheran-ro file
// from EPSG:5174, GEOS repairs rings with MakeValid), and one SQL statement applies the merge rule
// with GEOS' ST_Intersection/ST_Area (candidate pairs from SpatiaLite's R*Tree indexes).
//
// The rule as SQL: official 2026 > official 2021 > OSM with names > OSM citywide. Same id (the
// national building id; the OSM way id) or a shared area of at least half the smaller footprint
// makes the same building; a building replaced by footprint goes to the kept building it shares
// most with. Areas are compared in degrees² (WGS84): shares are ratios, so the scale cancels.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const FILES = {
  a26: 'buildings/gangnam_station_al_d010_2026_buildings.geojson',
  t21: 'buildings/gangnam_teheran_building_register_2021_epsg5174.geojson',
  nm: 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson',
  osmDir: 'buildings/osm_citywide_2026-07',
};
// OSM citywide buildings that can touch the other sources: around the official files (Gangnam
// Station / Teheran-ro) and around the named OSM patches (Cheonggyecheon, Hongjecheon).
const OSM_WINDOWS = [
  ['127.0144', '37.4822', '127.0688', '37.5165'],
  ['126.9257', '37.5610', '126.9958', '37.5903'],
];

/** R*Tree candidates of `table` for the geometry `g` (SpatiaLite names the index idx_<table>_GEOMETRY). */
const near = (table: string, g: string) =>
  `JOIN idx_${table}_GEOMETRY r ON r.xmin <= MbrMaxX(${g}) AND r.xmax >= MbrMinX(${g}) AND r.ymin <= MbrMaxY(${g}) AND r.ymax >= MbrMinY(${g})`;

const ORACLE_SQL = `
WITH
a26v AS MATERIALIZED (SELECT ogc_fid AS fid, id, MakeValid(GEOMETRY) AS g FROM a26),
t21v AS MATERIALIZED (SELECT ogc_fid AS fid, UFID AS id, MakeValid(GEOMETRY) AS g FROM t21),
nmv AS MATERIALIZED (SELECT ogc_fid AS fid, osm_id, MakeValid(GEOMETRY) AS g FROM nm),
t21_id AS MATERIALIZED (SELECT t.fid FROM t21v t JOIN a26 a ON a.id = t.id),
t21_ov AS MATERIALIZED (
  SELECT t.fid AS ofid, a.fid AS wfid, ST_Area(ST_Intersection(t.g, a.g)) AS shared, MIN(ST_Area(t.g), ST_Area(a.g)) AS smaller
  FROM t21v t ${near('a26', 't.g')} JOIN a26v a ON a.fid = r.pkid
  WHERE t.fid NOT IN (SELECT fid FROM t21_id)),
t21_kept AS MATERIALIZED (
  SELECT fid FROM t21v WHERE fid NOT IN (SELECT fid FROM t21_id) AND fid NOT IN (SELECT ofid FROM t21_ov WHERE shared >= 0.5 * smaller)),
osm AS MATERIALIZED (SELECT osm_id, MakeValid(GEOMETRY) AS g FROM osm_window GROUP BY osm_id),
osm_id AS MATERIALIZED (SELECT o.osm_id, n.fid AS wfid FROM osm o JOIN nmv n ON n.osm_id = o.osm_id),
osm_ov AS MATERIALIZED (
  SELECT o.osm_id, 'a26' AS src, a.fid AS wfid, ST_Area(ST_Intersection(o.g, a.g)) AS shared, MIN(ST_Area(o.g), ST_Area(a.g)) AS smaller
  FROM osm o ${near('a26', 'o.g')} JOIN a26v a ON a.fid = r.pkid WHERE o.osm_id NOT IN (SELECT osm_id FROM osm_id)
  UNION ALL
  SELECT o.osm_id, 't21', t.fid, ST_Area(ST_Intersection(o.g, t.g)), MIN(ST_Area(o.g), ST_Area(t.g))
  FROM osm o ${near('t21', 'o.g')} JOIN t21v t ON t.fid = r.pkid WHERE o.osm_id NOT IN (SELECT osm_id FROM osm_id) AND t.fid IN (SELECT fid FROM t21_kept)
  UNION ALL
  SELECT o.osm_id, 'nm', n.fid, ST_Area(ST_Intersection(o.g, n.g)), MIN(ST_Area(o.g), ST_Area(n.g))
  FROM osm o ${near('nm', 'o.g')} JOIN nmv n ON n.fid = r.pkid WHERE o.osm_id NOT IN (SELECT osm_id FROM osm_id)),
osm_match AS MATERIALIZED (SELECT * FROM osm_ov WHERE shared >= 0.5 * smaller),
osm_best AS MATERIALIZED (
  SELECT osm_id, src FROM (SELECT osm_id, src, ROW_NUMBER() OVER (PARTITION BY osm_id ORDER BY shared DESC) AS k FROM osm_match) WHERE k = 1)
SELECT 'a26|t21|byId' AS metric, (SELECT COUNT(*) FROM t21_id) AS value
UNION ALL SELECT 'a26|t21|byOverlap', (SELECT COUNT(DISTINCT ofid) FROM t21_ov WHERE shared >= 0.5 * smaller)
UNION ALL SELECT 'a26|t21|kept', (SELECT COUNT(*) FROM t21_id) + (SELECT COUNT(DISTINCT wfid) FROM t21_ov WHERE shared >= 0.5 * smaller)
UNION ALL SELECT 'a26|t21|partial', (SELECT COUNT(*) FROM t21_ov WHERE shared >= 0.1 * smaller AND shared < 0.5 * smaller AND ofid IN (SELECT fid FROM t21_kept))
UNION ALL SELECT 'a26|t21|filled name', (SELECT COUNT(*) FROM t21 t JOIN a26 a ON a.id = t.UFID WHERE t.BLD_NM IS NOT NULL AND t.BLD_NM <> '')
UNION ALL SELECT 'a26|t21|filled use', (SELECT COUNT(*) FROM t21 t JOIN a26 a ON a.id = t.UFID WHERE t.USABILITY IS NOT NULL)
UNION ALL SELECT 'a26|t21|filled basement floors', (SELECT COUNT(*) FROM t21 t JOIN a26 a ON a.id = t.UFID WHERE t.UGRND_FLR > 0)
UNION ALL SELECT 't21 kept', (SELECT COUNT(*) FROM t21_kept)
UNION ALL SELECT 'nm|osm|byId', (SELECT COUNT(*) FROM osm_id)
UNION ALL SELECT src || '|osm|byOverlap', COUNT(*) FROM osm_best GROUP BY src
UNION ALL SELECT 'nm|osm|kept', COUNT(*) FROM (SELECT wfid FROM osm_id UNION SELECT wfid FROM osm_match WHERE src = 'nm')
UNION ALL SELECT src || '|osm|kept', COUNT(DISTINCT wfid) FROM osm_match WHERE src <> 'nm' GROUP BY src
UNION ALL SELECT src || '|osm|partial', COUNT(*) FROM osm_ov
  WHERE shared >= 0.1 * smaller AND shared < 0.5 * smaller AND osm_id NOT IN (SELECT osm_id FROM osm_match) GROUP BY src
`;

/** Metric name ('a26|osm|byOverlap', 't21 kept', …) -> count. Takes about a minute. */
export async function gdalMergeCounts(dataDir: string): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vseoul-merge-oracle-'));
  try {
    const db = path.join(dir, 'merge.sqlite');
    const ogr = (args: string[]) => run('ogr2ogr', args, { maxBuffer: 16 * 1024 * 1024 });
    const index = ['-lco', 'SPATIAL_INDEX=YES'];
    await ogr(['-f', 'SQLite', '-dsco', 'SPATIALITE=YES', db, path.join(dataDir, FILES.a26), '-nln', 'a26', ...index]);
    await ogr([
      '-update',
      db,
      path.join(dataDir, FILES.t21),
      '-nln',
      't21',
      '-s_srs',
      'EPSG:5174',
      '-t_srs',
      'EPSG:4326',
      '-nlt',
      'PROMOTE_TO_MULTI',
      ...index,
    ]);
    await ogr(['-update', db, path.join(dataDir, FILES.nm), '-nln', 'nm', '-select', 'osm_id', ...index]);
    // The citywide OSM files as one layer (an OGR VRT union), cut to the windows above.
    const osmFiles = (await readdir(path.join(dataDir, FILES.osmDir))).filter((f) => f.endsWith('.geojson')).sort();
    const vrt = path.join(dir, 'osm.vrt');
    const layers = osmFiles.map(
      (f) => `<OGRVRTLayer name="${f.replace(/\.geojson$/, '')}"><SrcDataSource>${path.join(dataDir, FILES.osmDir, f)}</SrcDataSource></OGRVRTLayer>`,
    );
    await writeFile(vrt, `<OGRVRTDataSource><OGRVRTUnionLayer name="osm">${layers.join('')}</OGRVRTUnionLayer></OGRVRTDataSource>`);
    for (const window of OSM_WINDOWS) {
      await ogr(['-update', '-append', db, vrt, 'osm', '-nln', 'osm_window', '-spat', ...window]);
    }
    const sql = path.join(dir, 'oracle.sql');
    await writeFile(sql, ORACLE_SQL);
    const { stdout } = await run('ogr2ogr', ['-f', 'CSV', '/vsistdout/', db, '-sql', `@${sql}`], { maxBuffer: 16 * 1024 * 1024 });
    const counts: Record<string, number> = {};
    for (const line of stdout.trim().split('\n').slice(1)) {
      const m = /^"?([^,"]+)"?,"?(\d+)"?$/.exec(line.trim());
      if (m) counts[m[1]] = Number(m[2]);
    }
    return counts;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
