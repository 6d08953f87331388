// CP949 text read as Latin-1 (mojibake) in the real Teheran-ro building file: every name is repaired
// exactly as Python's own cp949 codec repairs it (an independent decoder), the published examples
// come back, correct Korean and Latin text is left alone, and a build says in one line what it found.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuildIssue } from '../../../tiles/model/cityModel.js';
import { readBuildingSources } from '../../../tiles/model/readSources.js';
import { CP949_READ_AS_LATIN1, repairCp949ReadAsLatin1, scanGarbledText } from '../../../tiles/readers/textRepair.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const TEHERAN = 'buildings/gangnam_teheran_building_register_2021_epsg5174.geojson';
const OSM_NAMED = 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson';

interface Doc {
  features: { properties: Record<string, unknown> }[];
}
const teheran = JSON.parse(readFileSync(join(DATA_DIR, TEHERAN), 'utf8')) as Doc;
const garbledNames = [
  ...new Set(
    teheran.features
      .flatMap((f) => ['BLD_NM', 'DONG_NM'].map((k) => f.properties[k]))
      .filter((v): v is string => typeof v === 'string' && /[\u0080-\uffff]/.test(v)),
  ),
];

/** The same repair by Python's codecs: str.encode('latin-1').decode('cp949'), or null where it fails. */
function pythonRepair(texts: string[]): (string | null)[] {
  const script = `
import json, sys
out = []
for s in json.load(sys.stdin):
    try: out.append(s.encode('latin-1').decode('cp949'))
    except (UnicodeEncodeError, UnicodeDecodeError): out.append(None)
print(json.dumps(out))`;
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' }));
}

describe('CP949 read as Latin-1', () => {
  it('repairs the published examples from SOURCES.md', () => {
    expect(repairCp949ReadAsLatin1('¹«¿ªÈ¸°ü')).toBe('무역회관');
    expect(repairCp949ReadAsLatin1('Çö´ëÅ¸¿ö')).toBe('현대타워');
  });

  it('repairs every garbled name of the Teheran-ro file exactly as Python cp949 does', () => {
    expect(garbledNames.length).toBeGreaterThan(500);
    const expected = pythonRepair(garbledNames);
    expect(expected.every((s) => s !== null)).toBe(true);
    expect(garbledNames.map(repairCp949ReadAsLatin1)).toEqual(expected);
    // Most repaired names are Korean; one is "M¡¤K" -> "M·K" (CP949's middle dot).
    expect(garbledNames.filter((s) => /[\uAC00-\uD7A3]/.test(repairCp949ReadAsLatin1(s) ?? '')).length).toBe(garbledNames.length - 1);
  });

  it('leaves correct Korean (real OSM names), ASCII and real Latin-1 text alone', () => {
    const osm = JSON.parse(readFileSync(join(DATA_DIR, OSM_NAMED), 'utf8')) as Doc;
    const names = osm.features.map((f) => f.properties['name']).filter((v): v is string => typeof v === 'string' && v !== '');
    expect(names).toContain('서울특별시청');
    expect(names.map(repairCp949ReadAsLatin1).every((r) => r === null)).toBe(true);
    for (const text of ['Golden Tower', 'Café', 'Zürich Haus', 'São Paulo']) expect(repairCp949ReadAsLatin1(text)).toBeNull();
  });

  it('counts garbled text and repairs in place only when asked', () => {
    const values = ['¹«¿ªÈ¸°ü', 'Golden Tower', '서울특별시청', 'M¡¤K'];
    const texts = values.map((_, i) => ({ get: () => values[i], set: (v: string) => (values[i] = v) }));
    expect(scanGarbledText(texts, false)).toEqual({ garbled: 1, repaired: 0, latin1: 2, example: { garbled: '¹«¿ªÈ¸°ü', repaired: '무역회관' } });
    expect(values[0]).toBe('¹«¿ªÈ¸°ü');
    expect(scanGarbledText(texts, true)).toMatchObject({ garbled: 1, repaired: 2, latin1: 2 });
    expect(values).toEqual(['무역회관', 'Golden Tower', '서울특별시청', 'M·K']);
  });

  it('says in one line that names look garbled and which option repairs them; with the option they read as Korean', async () => {
    const found: BuildIssue[] = [];
    const log = { issue: (i: BuildIssue) => found.push(i), progress() {}, info() {} };
    const plain = await readBuildingSources(DATA_DIR, [{ path: TEHERAN, format: 'geojson', crs: 'EPSG:5174' }], log);
    const lines = found.filter((i) => /CP949/.test(i.problem));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ file: TEHERAN, featureId: '*', action: 'note' });
    expect(lines[0].problem).toContain(`"textRepair": "${CP949_READ_AS_LATIN1}"`);
    expect(plain.sources[0].buildings.some((b) => b.attributes.name === '¹«¿ªÈ¸°ü')).toBe(true);

    found.length = 0;
    const repaired = await readBuildingSources(DATA_DIR, [{ path: TEHERAN, format: 'geojson', crs: 'EPSG:5174', textRepair: CP949_READ_AS_LATIN1 }], log);
    const names = repaired.sources[0].buildings.map((b) => b.attributes.name);
    expect(names).toContain('무역회관');
    expect(names).toContain('현대타워');
    expect(names.filter((n) => garbledNames.includes(n))).toEqual([]);
    expect(found.filter((i) => /CP949/.test(i.problem))).toEqual([
      expect.objectContaining({ file: TEHERAN, featureId: '*', action: 'repaired', problem: expect.stringMatching(/^\d+ name\(s\) repaired from CP949/) }),
    ]);
  });
});
