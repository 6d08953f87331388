import { describe, expect, it } from 'vitest';
import { CANOPY_THICKNESS_M, FLOOR_HEIGHT_M, MAX_PLAUSIBLE_FLOORS, MAX_PLAUSIBLE_HEIGHT_M, decideHeight, defaultForUse } from '../../../tiles/model/heights.js';
import { attrs } from '../../support/sourceAttributes.js';

describe('height rules (measured, else floors x 3.3 m, else default by use)', () => {
  it('uses a measured height and says it came from the OSM tag', () => {
    const h = decideHeight(attrs({ height: 55, floors: 15, heightBasis: 'osm_height_tag' }));
    expect(h).toMatchObject({ height: 55, floors: 15, heightSource: 'measured', minHeight: 0 });
    expect(h.heightNote).toBe('OSM height tag');
  });

  it('treats a dron_lab levels x 3.2 height as floors-based, re-computed at 3.3 m per floor', () => {
    const h = decideHeight(attrs({ height: 38.4, floors: 12, heightBasis: 'levels_x_3.2_probable' }));
    expect(h.heightSource).toBe('floors');
    expect(h.height).toBeCloseTo(12 * FLOOR_HEIGHT_M, 6);
    expect(h.heightNote).toContain('not measured');
  });

  it('keeps an ambiguous height as measured with a note', () => {
    const h = decideHeight(attrs({ height: 12.8, heightBasis: 'ambiguous_osm_tag_or_levels_x_3.2' }));
    expect(h).toMatchObject({ height: 12.8, heightSource: 'measured' });
    expect(h.heightNote).toMatch(/possibly derived from levels/);
  });

  it('falls back to floors x 3.3 m', () => {
    const h = decideHeight(attrs({ floors: 7 }));
    expect(h).toMatchObject({ heightSource: 'floors', floors: 7 });
    expect(h.height).toBeCloseTo(23.1, 6);
    expect(h.heightNote).toBe('7 floors x 3.3 m');
  });

  it('falls back to a default by use, for OSM values and Korean use names', () => {
    const apt = decideHeight(attrs({ use: 'apartments' }));
    expect(apt).toMatchObject({ heightSource: 'default-by-use', height: 49.5 });
    expect(apt.heightNote).toMatch(/assumed/);
    expect(defaultForUse('공동주택(아파트)').floors).toBe(15);
    expect(defaultForUse('단독주택').height).toBeCloseTo(6.6, 6);
    expect(defaultForUse('제2종근린생활시설').floors).toBe(4);
    const generic = decideHeight(attrs({ use: 'yes' }));
    expect(generic).toMatchObject({ heightSource: 'default-by-use', height: 9.9, floors: 0 });
    expect(decideHeight(attrs({ use: '' })).heightNote).toMatch(/unknown use/);
  });

  it('ignores non-positive heights and floors with a reported problem', () => {
    const h = decideHeight(attrs({ height: 0, floors: -2, use: 'house' }));
    expect(h.heightSource).toBe('default-by-use');
    expect(h.problems).toHaveLength(2);
  });

  it('draws a roof canopy as a thin slab at its top', () => {
    const c = decideHeight(attrs({ use: 'roof' }));
    expect(c.height).toBe(4);
    expect(c.minHeight).toBeCloseTo(4 - CANOPY_THICKNESS_M, 6);
    expect(c.heightNote).toMatch(/canopy/);
    const tagged = decideHeight(attrs({ use: 'roof', height: 9, minHeight: 6, heightBasis: 'osm_height_tag' }));
    expect(tagged).toMatchObject({ height: 9, minHeight: 6, heightSource: 'measured' });
  });

  it('respects min_height and rejects one above the top', () => {
    expect(decideHeight(attrs({ height: 7, minHeight: 4 })).minHeight).toBe(4);
    const bad = decideHeight(attrs({ height: 7, minHeight: 9 }));
    expect(bad.minHeight).toBe(0);
    expect(bad.problems[0]).toMatch(/min_height/);
  });

  it('trusts heights up to 600 m and floors up to 150, not beyond', () => {
    expect(decideHeight(attrs({ height: MAX_PLAUSIBLE_HEIGHT_M }))).toMatchObject({ heightSource: 'measured', height: 600, problems: [] });
    expect(decideHeight(attrs({ floors: MAX_PLAUSIBLE_FLOORS }))).toMatchObject({ heightSource: 'floors', floors: 150, problems: [] });
    const tall = decideHeight(attrs({ height: 600.5, floors: 151, use: 'office' }));
    expect(tall).toMatchObject({ heightSource: 'default-by-use', floors: 0 });
    const floorsOnly = decideHeight(attrs({ height: 90, floors: 99_999 }));
    expect(floorsOnly).toMatchObject({ heightSource: 'measured', height: 90, floors: 0 });
    expect(floorsOnly.problems).toEqual(['99999 floors (above 150) implausible: not trusted as measured; built 90 m from the source height']);
    expect(tall.problems).toEqual([
      'height 600.5 m (above 600 m) and 151 floors (above 150) implausible: not trusted as measured; built 26.4 m from the default by use',
    ]);
  });
});
