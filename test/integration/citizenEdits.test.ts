// Citizen edits flow back: an edit of a building's floors, use and name approved through the real
// wiki HTTP API (host on 127.0.0.1, free port) reaches an open page's feed client at once, and the
// next city build (a small sources config: the 35-building City Hall sample of the shared data)
// applies it — height, use, name and provenance in the tiles' property tables and the footprints;
// reverting it gives the next build the original values again. An edit of a building the build does
// not have is one line in the report, and the build succeeds. Accounts and edits are test fixtures.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WikiRevision, WikiSession } from '../../common/api/wikiContract.js';
import { BUILD_PATHS, type BuildSummary, type CityManifest, type FootprintsFile } from '../../common/buildFormat.js';
import { BUILDING_EDITS_FEED, citizenEditRecord, type BuildingEditsSnapshot, type BuildingEditsUpdate } from '../../common/buildingEdits.js';
import { FeedClient } from '../../renderer/src/feeds/feedClient.js';
import { buildCity } from '../../tiles/buildCity.js';
import { readCitizenEdits } from '../../tiles/model/citizenEdits.js';
import type { BuildIssue } from '../../tiles/model/cityModel.js';
import { tableRows } from '../support/glbPropertyTable.js';
import { SOURCE } from '../support/testCity.js';
import { startWikiServer, type WikiTestServer } from '../support/wikiServer.js';
import { until } from '../support/until.js';

const CITY_HALL = 'osm:way/198561926';
/** An OSM way id no building of the sample has (the wiki takes any well-formed building id). */
const GONE = 'osm:way/1';
const EDITED_NAME = '서울특별시청 (시민 편집)';

let wiki: WikiTestServer;
let moderator: WikiSession;
let citizen: WikiSession;
let tmp: string;
let sourcesConfig: string;

interface Build {
  summary: BuildSummary;
  manifest: CityManifest;
  issues: BuildIssue[];
  report: { citizenEdits?: { applied: number; missing: string[]; buildings: string[] } };
  /** Property-table rows of every tile, by building id. */
  tiles: Map<string, Record<string, string | number>>;
  footprints: FootprintsFile;
  footprint(id: string): { name: string; use: string; height: number; floors: number };
}

async function build(label: string): Promise<Build> {
  const outDir = path.join(tmp, label);
  const issues: BuildIssue[] = [];
  const log = { issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} };
  const summary = await buildCity({ sourceDir: SOURCE, outDir, sourcesConfig, skipSurfaceModel: true, terrain: { maxLevel: 10 }, wikiStore: wiki.dbPath }, log);
  const read = (file: string) => JSON.parse(readFileSync(path.join(outDir, file), 'utf8'));
  const manifest = read(BUILD_PATHS.manifest) as CityManifest;
  const tiles = new Map<string, Record<string, string | number>>();
  const contentDir = path.join(outDir, path.dirname(BUILD_PATHS.tileset));
  for (const entry of readdirSync(contentDir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && entry.name.endsWith('.glb'))
      for (const row of tableRows(new Uint8Array(readFileSync(path.join(entry.parentPath, entry.name))))) tiles.set(String(row.id), row);
  const footprints = read(manifest.footprints!.path) as FootprintsFile;
  return {
    summary,
    manifest,
    issues,
    report: read(BUILD_PATHS.report),
    tiles,
    footprints,
    footprint(id) {
      const i = footprints.ids.indexOf(id);
      return { name: footprints.names[i], use: footprints.uses[i], height: footprints.heights[i], floors: footprints.floors[i] };
    },
  };
}

async function post(path: string, token: string, body: unknown): Promise<WikiRevision> {
  const res = await wiki.call('POST', path, { token, body });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { revision: WikiRevision }).revision;
}

/** A citizen's edit of a building, approved by the moderator, through the HTTP API. */
async function approvedEdit(target: string, properties: Record<string, string | number>, baseRev: number | null = null): Promise<WikiRevision> {
  const proposed = await post('/api/wiki/revisions', citizen.token, { kind: 'building', target, baseRev, properties, comment: 'fixture edit' });
  return post(`/api/wiki/revisions/${proposed.id}/approve`, moderator.token, {});
}

let original: Build;
let page: FeedClient<BuildingEditsSnapshot, BuildingEditsUpdate>;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-citizen-edits-'));
  sourcesConfig = path.join(tmp, 'sources.json');
  writeFileSync(
    sourcesConfig,
    JSON.stringify({
      buildings: [{ path: 'buildings/cityhall_gwanghwamun_osm_buildings_sample.geojson', format: 'geojson' }],
      elevation: [{ path: 'terrain/*_srtm30_grid.json' }],
    }),
  );
  wiki = await startWikiServer();
  moderator = await wiki.user('edit-moderator', 'moderator');
  citizen = await wiki.user('edit-citizen', 'citizen');
  original = await build('before');
  page = new FeedClient(BUILDING_EDITS_FEED, wiki.server.url);
  page.connect();
  await until(() => page.current !== null, 'the feed snapshot');
});

afterAll(async () => {
  page?.destroy();
  await wiki?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('citizen edits flow back', () => {
  let approval: WikiRevision;
  let undo: WikiRevision;

  it('the build reads an empty wiki store and changes nothing', () => {
    expect(original.summary.citizenEdits).toEqual({ applied: 0, missing: 0 });
    expect(original.manifest.citizenEdits?.buildings).toEqual([]);
    const hall = original.tiles.get(CITY_HALL)!;
    expect(hall).toMatchObject({ name: '서울특별시청', use: 'yes' });
    expect(hall.floors).not.toBe(20);
    expect(hall.heightSource).not.toBe('citizen-edit');
    expect(page.current).toEqual({ edits: [] });
  });

  it('an approval reaches an open page at once, with who approved it', async () => {
    approval = await approvedEdit(CITY_HALL, { floors: 20, use: 'office', name: EDITED_NAME });
    await until(() => (page.current?.edits.length ?? 0) === 3, 'the approval on the feed');
    const expected = { editId: approval.id, buildingId: CITY_HALL, approvedBy: 'edit-moderator', approvedAt: approval.reviewedAt };
    expect(page.current!.edits).toEqual([
      { ...expected, field: 'floors', value: 20 },
      { ...expected, field: 'use', value: 'office' },
      { ...expected, field: 'name', value: EDITED_NAME },
    ]);
  });

  it('the next build applies it as the last layer: height, use, name and provenance', async () => {
    const gone = await approvedEdit(GONE, { floors: 3 });
    const edited = await build('edited');
    expect(edited.summary.citizenEdits).toEqual({ applied: 3, missing: 1 });
    expect(edited.summary.heightSources['citizen-edit']).toBe(1);
    expect(edited.manifest.citizenEdits?.buildings).toEqual([CITY_HALL]);

    const hall = edited.tiles.get(CITY_HALL)!;
    const before = original.tiles.get(CITY_HALL)!;
    expect(hall).toMatchObject({ name: EDITED_NAME, use: 'office', floors: 20, heightSource: 'citizen-edit' });
    expect(hall.height).toBeCloseTo(20 * 3.3, 4); // the build's storey rule
    expect(hall.heightNote).toBe(`20 floors x 3.3 m (citizen edit, wiki revision ${approval.id})`);
    expect(hall.baseElevation).toBe(before.baseElevation);
    const record = citizenEditRecord({ citizenEdits: String(hall.citizenEdits) })!;
    expect(record.edits.map((e) => [e.field, e.approvedBy, e.approvedAt])).toEqual([
      ['floors', 'edit-moderator', approval.reviewedAt],
      ['use', 'edit-moderator', approval.reviewedAt],
      ['name', 'edit-moderator', approval.reviewedAt],
    ]);
    // What the sources said is kept, so a revert can be shown before the next build.
    expect(record.before).toMatchObject({ name: before.name, use: before.use, floors: before.floors, heightSource: before.heightSource });
    expect(record.before.height).toBeCloseTo(Number(before.height), 4);
    expect(edited.footprint(CITY_HALL)).toEqual({ name: EDITED_NAME, use: 'office', height: 66, floors: 20 });

    // Every other building as before.
    expect(edited.tiles.size).toBe(original.tiles.size);
    for (const [id, { citizenEdits, ...row }] of edited.tiles) {
      if (id === CITY_HALL) continue;
      expect(citizenEdits ?? '').toBe(''); // a tile with an edited building has the column, empty for the others
      expect(row).toEqual(original.tiles.get(id));
    }

    // The edit of a building the build does not have: one line, nothing else lost.
    const lines = edited.issues.filter((i) => i.featureId.startsWith('building:'));
    expect(lines).toEqual([
      {
        file: wiki.dbPath,
        featureId: `building:${GONE}`,
        action: 'skipped',
        problem: `citizen edit of building ${GONE}: floors 3 (revision ${gone.id}, approved by edit-moderator on ${gone.reviewedAt!.slice(0, 10)}); this build has no such building, so it is not applied (it stays in the wiki)`,
      },
    ]);
    expect(edited.report.citizenEdits?.missing).toEqual([lines[0].problem]);
  });

  it('a revert reaches the page at once, and the next build has the original values', async () => {
    undo = await post(`/api/wiki/revisions/${approval.id}/revert`, moderator.token, {});
    await until(() => page.current!.edits.every((e) => e.buildingId !== CITY_HALL), 'the revert on the feed');
    expect(page.current!.edits.map((e) => e.buildingId)).toEqual([GONE]);

    const reverted = await build('reverted');
    expect(reverted.summary.citizenEdits).toEqual({ applied: 0, missing: 1 });
    expect(reverted.manifest.citizenEdits?.buildings).toEqual([]);
    expect(reverted.tiles.get(CITY_HALL)).toEqual(original.tiles.get(CITY_HALL));
    expect(reverted.footprints).toEqual(original.footprints);
  });

  it('names the approval that set each value: through later edits of other fields and through reverts', async () => {
    const named = await approvedEdit(CITY_HALL, { name: EDITED_NAME }, undo.id);
    wiki.advance(60_000);
    const other = await wiki.user('other-moderator', 'moderator');
    const proposed = await post('/api/wiki/revisions', citizen.token, {
      kind: 'building',
      target: CITY_HALL,
      baseRev: named.id,
      properties: { name: EDITED_NAME, floors: 30 },
      comment: 'floors too',
    });
    const floors = await post(`/api/wiki/revisions/${proposed.id}/approve`, other.token, {});
    const hall = () => page.current!.edits.filter((e) => e.buildingId === CITY_HALL);
    await until(() => hall().length === 2, 'the second approval on the feed');
    expect(hall().map((e) => [e.field, e.editId, e.approvedBy])).toEqual([
      ['floors', floors.id, 'other-moderator'],
      ['name', named.id, 'edit-moderator'],
    ]);
    // Undoing the floors restores the state of the name edit, still credited to its approval.
    await post(`/api/wiki/revisions/${floors.id}/revert`, moderator.token, {});
    await until(() => hall().length === 1, 'the revert on the feed');
    expect(hall()).toEqual([
      { editId: named.id, buildingId: CITY_HALL, field: 'name', value: EDITED_NAME, approvedBy: 'edit-moderator', approvedAt: named.reviewedAt },
    ]);
  });
});

describe('a wiki store the build cannot use', () => {
  it('no store: one note, no edits; a file that is no SQLite store: one line, no edits', () => {
    const lines: string[] = [];
    const issues: BuildIssue[] = [];
    const log = { issue: (i: BuildIssue) => issues.push(i), progress() {}, info: (m: string) => lines.push(m) };
    const missing = path.join(tmp, 'no-such', 'wiki.sqlite');
    expect(readCitizenEdits(missing, log)).toBeNull();
    expect(lines).toEqual([`no wiki store at ${missing}: no citizen edits applied`]);
    const broken = path.join(tmp, 'broken.sqlite');
    writeFileSync(broken, 'not a database');
    expect(readCitizenEdits(broken, log)).toBeNull();
    expect(issues).toEqual([{ file: broken, featureId: '*', action: 'file-skipped', problem: expect.stringMatching(/^the wiki store could not be read \(/) }]);
  });
});
