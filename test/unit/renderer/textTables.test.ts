// Every text table of the renderer (i18n.ts's shared table and each feature's *Text.ts): the
// Korean and English tables name the same keys, no text is empty, both languages fill the same
// {placeholders}, the lookups follow the app's language, and no two modules export the same name.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES, language, onLanguageChange, setLanguage, t, textTable, type TextLookup } from '../../../renderer/src/i18n.js';
import * as analysis from '../../../renderer/src/analysis/analysisText.js';
import * as batch from '../../../renderer/src/batch/batchText.js';
import * as fire from '../../../renderer/src/fire/fireText.js';
import * as flood from '../../../renderer/src/flood/floodText.js';
import * as kiosk from '../../../renderer/src/kiosk/kioskText.js';
import * as sensors from '../../../renderer/src/sensors/sensorText.js';
import * as wiki from '../../../renderer/src/wiki/wikiText.js';
import * as wind from '../../../renderer/src/wind/windText.js';

const RENDERER = join(import.meta.dirname, '../../../renderer/src');
const MODULES: Record<string, Record<string, unknown>> = {
  'analysis/analysisText.ts': analysis,
  'batch/batchText.ts': batch,
  'fire/fireText.ts': fire,
  'flood/floodText.ts': flood,
  'kiosk/kioskText.ts': kiosk,
  'sensors/sensorText.ts': sensors,
  'wiki/wikiText.ts': wiki,
  'wind/windText.ts': wind,
};

/** Any table: the key type does not matter to these checks. */
type AnyLookup = TextLookup<never>;
const isLookup = (v: unknown): v is AnyLookup => typeof v === 'function' && 'tables' in v && 'maybe' in v;
const TABLES: Array<[string, AnyLookup]> = [
  ['t', t as AnyLookup],
  ...Object.values(MODULES).flatMap((m) => Object.entries(m).filter((e): e is [string, AnyLookup] => isLookup(e[1]))),
];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function textModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? textModules(join(dir, e.name)) : /Text\.ts$/.test(e.name) ? [relative(RENDERER, join(dir, e.name))] : [],
  );
}

afterEach(() => setLanguage('ko'));

describe('text tables', () => {
  it('every *Text.ts module of the renderer is checked here and exports exactly one table', () => {
    expect(textModules(RENDERER).sort()).toEqual(Object.keys(MODULES).sort());
    for (const [file, m] of Object.entries(MODULES)) expect(Object.values(m).filter(isLookup), file).toHaveLength(1);
    expect(TABLES.map(([name]) => name).sort()).toEqual([
      'analysisText',
      'batchText',
      'fireText',
      'floodText',
      'kioskText',
      'sensorText',
      't',
      'wikiText',
      'windText',
    ]);
  });

  it('no two text modules export the same name (no more ft for fire and flood)', () => {
    const names = Object.values(MODULES).flatMap((m) => Object.keys(m));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  for (const [name, lookup] of TABLES) {
    it(`${name}: Korean and English have the same keys, no empty text, the same placeholders`, () => {
      const { ko, en } = lookup.tables as Record<'ko' | 'en', Record<string, string>>;
      expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
      expect(Object.keys(ko).length).toBeGreaterThan(0);
      for (const key of Object.keys(ko)) {
        expect(ko[key].trim(), `${name} ko ${key}`).not.toBe('');
        expect(en[key].trim(), `${name} en ${key}`).not.toBe('');
        expect(placeholders(en[key]), `${name} ${key}`).toEqual(placeholders(ko[key]));
      }
    });
  }
});

describe('lookups follow the language', () => {
  it('returns the current language, fills placeholders, and answers maybe() for run-time keys', () => {
    setLanguage('ko');
    expect(t('layers')).toBe('레이어');
    expect(flood.floodText('flooded', { t: 0.2 })).toBe('침수 건물 (주변 0.2 m 이상)');
    expect(wiki.wikiText.maybe('category.cafe')).toBe('카페');
    setLanguage('en');
    expect(language()).toBe('en');
    expect(t('layers')).toBe('Layers');
    expect(flood.floodText('flooded', { t: 0.2 })).toBe('Flooded buildings (≥ 0.2 m around)');
    expect(sensors.sensorText('surfaceNote', { km: 1.5 })).toBe('Surface: inverse-distance weighting, empty beyond 1.5 km');
    expect(sensors.quantityName('pm25')).toBe('PM2.5');
    expect(sensors.bandName('veryBad')).toBe('Very bad');
    expect(wiki.wikiText.maybe('category.nothing')).toBeNull();
    // A missing value leaves its placeholder visible rather than inventing one.
    expect(wind.windText('sdotNoSites', {})).toContain('{m}');
  });

  it('onLanguageChange tells its listener now and on every switch until removed', () => {
    setLanguage('ko');
    const heard: string[] = [];
    const remove = onLanguageChange((lang) => heard.push(lang));
    setLanguage('en');
    setLanguage('en'); // no switch, no call
    remove();
    setLanguage('ko');
    expect(heard).toEqual(['ko', 'en']);
  });

  it('a table made with textTable() speaks both languages', () => {
    const table = textTable({ ko: { hello: '안녕 {name}' }, en: { hello: 'Hello {name}' } });
    const said = LANGUAGES.map((lang) => (setLanguage(lang), table('hello', { name: 'Seoul' })));
    expect(said).toEqual(['안녕 Seoul', 'Hello Seoul']);
  });
});
