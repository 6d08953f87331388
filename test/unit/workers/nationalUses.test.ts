// National main-use codes (the building register's USABILITY) in the analyses: the hydrant rule's
// assumed zone, the hazard use risk and the flood's semi-basement flag, next to the OSM values the
// rules already knew, so a building reads the same whichever source described it.
import { describe, expect, it } from 'vitest';
import { NATIONAL_USES, nationalUseFromCode, type NationalUseCode } from '../../../common/buildingUses.js';
import { HAZARD_FORMULA, useRisk } from '../../../workers/fire/hazard.js';
import { limitForZoneCode, zoneCode, zoneForUse } from '../../../workers/fire/zoneRule.js';
import { isResidentialUse, semiBasementOf } from '../../../workers/flood/floodedBuildings.js';

const use = (code: NationalUseCode) => nationalUseFromCode(code)!;

describe('national use codes in the analyses', () => {
  it('match the OSM uses of the same kind in the zone rule and the hazard risk', () => {
    const sameAs: [NationalUseCode, string][] = [
      ['01000', 'house'],
      ['02000', 'apartments'],
      ['03000', 'retail'],
      ['04000', 'commercial'],
      ['07000', 'supermarket'],
      ['09000', 'hospital'],
      ['10000', 'school'],
      ['14000', 'office'],
      ['15000', 'hotel'],
      ['17000', 'industrial'],
      ['18000', 'warehouse'],
    ];
    for (const [code, osm] of sameAs) {
      expect(zoneForUse(use(code)), code).toBe(zoneForUse(osm));
      expect(useRisk(use(code)), code).toBe(useRisk(osm));
    }
  });

  it('give the hydrant limit of the assumed zone (100 m residential/commercial/industrial, else 140 m)', () => {
    expect(limitForZoneCode(zoneCode(zoneForUse(use('02000'))))).toBe(100);
    expect(limitForZoneCode(zoneCode(zoneForUse(use('14000'))))).toBe(100);
    expect(limitForZoneCode(zoneCode(zoneForUse(use('19000'))))).toBe(100);
    expect(limitForZoneCode(zoneCode(zoneForUse(use('06000'))))).toBe(140);
    expect(limitForZoneCode(zoneCode(zoneForUse('')))).toBe(140);
  });

  it('have a hazard use risk in the published 0.3-1.0 range for every code, and a zone', () => {
    expect(HAZARD_FORMULA).toContain('U = use risk 0.3–1.0');
    for (const code of Object.keys(NATIONAL_USES) as NationalUseCode[]) {
      expect(useRisk(use(code))).toBeGreaterThanOrEqual(0.3);
      expect(useRisk(use(code))).toBeLessThanOrEqual(1);
      expect(['residential', 'commercial', 'industrial', 'other']).toContain(zoneForUse(use(code)));
    }
    // Sleeping occupants (lodging, care homes) rank with homes; a bare code reads the same as the label.
    expect(useRisk(use('11000'))).toBe(1);
    expect(useRisk('15000')).toBe(useRisk(use('15000')));
  });

  it('mark semi-basements recorded where floors below ground are recorded on a home, assumed otherwise', () => {
    expect(isResidentialUse(use('01000'))).toBe(true);
    expect(isResidentialUse(use('02000'))).toBe(true);
    expect(isResidentialUse(use('04000'))).toBe(false);
    expect(semiBasementOf(use('02000'), 4, 1)).toBe('recorded');
    expect(semiBasementOf(use('02000'), 15, 2)).toBe('recorded');
    expect(semiBasementOf(use('02000'), 4, 0)).toBe('assumed');
    expect(semiBasementOf(use('02000'), 15, 0)).toBe('none');
    expect(semiBasementOf(use('14000'), 3, 2)).toBe('none'); // an office's basement is no home
    expect(semiBasementOf('apartments', 3, 0)).toBe('assumed');
    expect(semiBasementOf('apartments', 3, 1)).toBe('recorded');
  });
});
