// The one function that applies approved citizen edits to a building, for the city build and the
// page alike (common/buildingEdits.ts): floors become a height by the build's storey rule, uses
// the classes the fire rules read, values the sources already have change nothing, applying again
// or over a build's edits gives the same building, and no edits give the sources' building back.
// The building is a fixture shaped like City Hall's record in the OSM sample.
import { describe, expect, it } from 'vitest';
import type { BuildingProperties } from '../../../common/buildFormat.js';
import {
  applyBuildingEdits,
  BUILDING_EDITS_FEED,
  citizenEditRecord,
  USE_OF_WIKI_USE,
  withoutCitizenEdits,
  type ApprovedBuildingEdit,
} from '../../../common/buildingEdits.js';
import { BUILDING_USES } from '../../../common/api/wikiContract.js';
import { FLOOR_HEIGHT_M } from '../../../tiles/model/heights.js';
import { useRisk } from '../../../workers/fire/hazard.js';
import { zoneForUse } from '../../../workers/fire/zoneRule.js';

const BUILT: BuildingProperties = {
  id: 'osm:way/198561926',
  sourceId: '198561926',
  source: 'fixture.geojson',
  name: '서울특별시청',
  use: 'yes',
  floors: 12,
  height: 38.4,
  minHeight: 0,
  heightSource: 'measured',
  heightNote: 'source height field',
  baseElevation: 60.5,
  mergedFrom: '',
  citizenEdits: '',
};

const edit = (field: ApprovedBuildingEdit['field'], value: string | number, editId = 7): ApprovedBuildingEdit => ({
  editId,
  buildingId: BUILT.id,
  field,
  value,
  approvedBy: 'moderator',
  approvedAt: '2026-11-22T09:00:00.000Z',
});

describe('applyBuildingEdits', () => {
  it('floors set the height by the storey rule of the build, with its provenance', () => {
    const { building, applied } = applyBuildingEdits(BUILT, [edit('floors', 20)]);
    expect(applied).toHaveLength(1);
    expect(building).toMatchObject({ floors: 20, height: 66, heightSource: 'citizen-edit', heightNote: '20 floors x 3.3 m (citizen edit, wiki revision 7)' });
    expect(building.height).toBeCloseTo(20 * FLOOR_HEIGHT_M, 9);
    expect(citizenEditRecord(building)).toEqual({
      edits: [edit('floors', 20)],
      before: { name: '서울특별시청', use: 'yes', floors: 12, height: 38.4, minHeight: 0, heightSource: 'measured', heightNote: 'source height field' },
    });
    // Nothing else of the building changes.
    expect({ ...building, floors: 12, height: 38.4, heightSource: 'measured', heightNote: 'source height field', citizenEdits: '' }).toEqual(BUILT);
  });

  it('a use becomes the class the hydrant zone rule and the hazard use risk read', () => {
    expect(applyBuildingEdits(BUILT, [edit('use', 'office')]).building.use).toBe('office');
    const school = applyBuildingEdits(BUILT, [edit('use', 'education')]).building;
    expect(school.use).toBe('교육연구시설 (10000)');
    expect([zoneForUse(school.use), useRisk(school.use)]).toEqual(['other', 0.6]);
    expect([zoneForUse(USE_OF_WIKI_USE.residential), useRisk(USE_OF_WIKI_USE.residential)]).toEqual(['residential', 1]);
    expect([zoneForUse(USE_OF_WIKI_USE.industrial), useRisk(USE_OF_WIKI_USE.industrial)]).toEqual(['industrial', 0.9]);
    expect([zoneForUse(USE_OF_WIKI_USE.commercial), useRisk(USE_OF_WIKI_USE.commercial)]).toEqual(['commercial', 0.8]);
    expect([zoneForUse(USE_OF_WIKI_USE.religious), useRisk(USE_OF_WIKI_USE.religious)]).toEqual(['other', 0.6]);
    expect(Object.keys(USE_OF_WIKI_USE)).toEqual([...BUILDING_USES]);
  });

  it('a value the sources already have changes nothing, and keeps their height', () => {
    const result = applyBuildingEdits(BUILT, [edit('floors', 12), edit('name', ' 서울특별시청 '), edit('use', 'other')]);
    expect(result.applied.map((e) => e.field)).toEqual(['use']);
    expect(result.building).toMatchObject({ height: 38.4, heightSource: 'measured', name: '서울특별시청', use: 'other' });
  });

  it('applying over a build that applied edits gives the same building; none gives the sources back', () => {
    const edits = [edit('floors', 20), edit('name', '시청 본관')];
    const once = applyBuildingEdits(BUILT, edits).building;
    expect(applyBuildingEdits(once, edits).building).toEqual(once);
    expect(applyBuildingEdits(once, []).building).toEqual(BUILT);
    expect(withoutCitizenEdits(once)).toEqual(BUILT);
    // A later edit of the same building replaces the earlier one's effect.
    expect(applyBuildingEdits(once, [edit('floors', 3, 9)]).building).toMatchObject({ name: '서울특별시청', floors: 3, height: 9.9 });
  });

  it('refuses values it cannot apply, and leaves edits of other buildings alone', () => {
    const result = applyBuildingEdits(BUILT, [
      edit('floors', 0),
      edit('floors', 2.5),
      edit('use', 'castle'),
      edit('name', '  '),
      { ...edit('floors', 30), buildingId: 'osm:way/1' },
    ]);
    expect(result.applied).toEqual([]);
    expect(result.refused.map((r) => r.problem)).toEqual([
      'floors 0 is not a whole number of at least 1',
      'floors 2.5 is not a whole number of at least 1',
      expect.stringMatching(/^use "castle" is not one of residential, /),
      'the name is empty',
    ]);
    expect(result.building).toEqual(BUILT);
  });

  it('keeps a canopy off the ground only while it is below the edited height', () => {
    const canopy = { ...BUILT, use: 'roof', floors: 0, height: 6, minHeight: 5.5, heightSource: 'default-by-use' as const };
    expect(applyBuildingEdits(canopy, [edit('floors', 2)]).building).toMatchObject({ height: 6.6, minHeight: 5.5 });
    expect(applyBuildingEdits(canopy, [edit('floors', 1)]).building).toMatchObject({ height: 3.3, minHeight: 0 });
  });
});

describe('BUILDING_EDITS_FEED', () => {
  it("an update replaces the changed buildings' edits; an empty list removes them", () => {
    const other = { ...edit('name', '교보생명빌딩'), buildingId: 'osm:way/141957172' };
    const snapshot = { edits: [edit('floors', 20), edit('name', 'x'), other] };
    expect(BUILDING_EDITS_FEED.apply(snapshot, { buildings: [{ buildingId: BUILT.id, edits: [edit('use', 'office', 8)] }] })).toEqual({
      edits: [other, edit('use', 'office', 8)],
    });
    expect(BUILDING_EDITS_FEED.apply(snapshot, { buildings: [{ buildingId: BUILT.id, edits: [] }] })).toEqual({ edits: [other] });
    expect(BUILDING_EDITS_FEED.routes).toEqual({ snapshot: '/api/feeds/building-edits', events: '/api/feeds/building-edits/events' });
  });
});
