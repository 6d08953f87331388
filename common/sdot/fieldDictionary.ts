// The S-DoT raw record field dictionary (sdot_measurement_fields.csv, published by Seoul with the
// S-DoT data: seoul-iotdata/iotdata data_info/sensor_data_information.csv). Its 설명 column states
// each field's representable range of the STORED value and how it encodes the observation, e.g.
// "표현범위 → 500 ～ 1800 ((관측값 ＋ 100) × 10)": stored = (observed + 100) × 10, so
// observed = stored / 10 − 100. RAW_FIELDS below is that file transcribed; parseFieldDictionary
// reads the file itself and a test checks the two agree.
import { csvLines, splitCsvLine } from './csvFields.js';
import type { SdotQuantity } from './sdotQuantities.js';

export interface FieldEncoding {
  /** observed = stored / scale − offset */
  scale: number;
  offset: number;
  /** Representable range of the stored value, inclusive. */
  storedMin: number;
  storedMax: number;
}

export interface RawField {
  /** 데이터 명, exactly as in the dictionary. */
  name: string;
  unit: string | null;
  /** null for text fields (model, serial, time) and for the corrected PM values (no range given). */
  encoding: FieldEncoding | null;
  /** The app quantity this field feeds, if any. */
  quantity?: SdotQuantity;
}

const enc = (storedMin: number, storedMax: number, scale = 1, offset = 0): FieldEncoding => ({ scale, offset, storedMin, storedMax });

/** In dictionary order, which is also the column order of the raw records. */
export const RAW_FIELDS: readonly RawField[] = [
  { name: '모델명', unit: null, encoding: null },
  { name: '시리얼', unit: null, encoding: null },
  { name: '미세먼지2.5(초미세먼지)', unit: '㎍/㎥', encoding: enc(0, 1500), quantity: 'pm25' },
  { name: '미세먼지10(미세먼지)', unit: '㎍/㎥', encoding: enc(0, 1500), quantity: 'pm10' },
  { name: '기온', unit: '℃', encoding: enc(500, 1800, 10, 100), quantity: 'temperature' },
  { name: '상대습도', unit: '%', encoding: enc(0, 100), quantity: 'humidity' },
  // The dictionary gives m/s as the unit of 풍향 (direction); it is evidently degrees (0.1–359.9).
  { name: '풍향', unit: 'm/s', encoding: enc(1, 3599, 10), quantity: 'windDirection' },
  { name: '풍속', unit: 'm/s', encoding: enc(1, 1000, 10), quantity: 'windSpeed' },
  { name: '돌풍 풍향', unit: 'm/s', encoding: enc(0, 3599, 10) },
  { name: '돌풍 풍속', unit: 'm/s', encoding: enc(0, 1000, 10) },
  { name: '조도', unit: 'lux', encoding: enc(0, 120000), quantity: 'illuminance' },
  { name: '자외선', unit: 'UV', encoding: enc(0, 160, 10), quantity: 'uv' },
  { name: '소음', unit: 'dB', encoding: enc(35, 85), quantity: 'noise' },
  { name: '진동(x)', unit: 'mm/s', encoding: enc(0, 1600, 100) },
  { name: '진동(y)', unit: 'mm/s', encoding: enc(0, 1600, 100) },
  { name: '진동(z)', unit: 'mm/s', encoding: enc(0, 1600, 100) },
  { name: '진동(x) 최대', unit: 'mm/s', encoding: enc(0, 1600, 100) },
  { name: '진동(y) 최대', unit: 'mm/s', encoding: enc(0, 1600, 100) },
  { name: '진동(z) 최대', unit: 'mm/s', encoding: enc(0, 1600, 100) },
  { name: '흑구 온도', unit: '℃', encoding: enc(500, 1800, 10, 100) },
  { name: 'pm25 보정', unit: '㎍/㎥', encoding: null },
  { name: 'pm10 보정', unit: '㎍/㎥', encoding: null },
  { name: '측정시간', unit: 'yyyymmddhi', encoding: null },
];

/** observed value from a stored one. */
export function decodeStored(encoding: FieldEncoding, stored: number): number {
  return stored / encoding.scale - encoding.offset;
}

/** stored value from an observed one (used by tests and fixtures). */
export function encodeObserved(encoding: FieldEncoding, observed: number): number {
  return Math.round((observed + encoding.offset) * encoding.scale);
}

/**
 * Reads the dictionary CSV (columns 데이터 명, 데이터 단위, 데이터 설명) and derives each field's
 * encoding from its description. Fields without a "표현범위" get encoding null.
 */
export function parseFieldDictionary(text: string): RawField[] {
  const lines = csvLines(text);
  const out: RawField[] = [];
  for (const { text: line } of lines.slice(1)) {
    const [name, unitRaw, description = ''] = splitCsvLine(line).map((s) => s.trim());
    const unit = unitRaw === 'NA' || unitRaw === '' ? null : unitRaw;
    // Full-width ～ ＋ × as the file writes them; ASCII variants accepted too.
    const m = /표현범위\s*→\s*(\d+)\s*[～~]\s*(\d+)\s*\((.*)\)\s*$/.exec(description);
    let encoding: FieldEncoding | null = null;
    if (m) {
      const formula = m[3].replace(/\s+/g, '');
      const f = /^\(?관측값(?:[＋+](\d+))?\)?(?:[×x*](\d+))?$/.exec(formula);
      if (!f) throw new Error(`dictionary field ${name}: unknown encoding "${m[3]}"`);
      encoding = enc(Number(m[1]), Number(m[2]), f[2] ? Number(f[2]) : 1, f[1] ? Number(f[1]) : 0);
    }
    const known = RAW_FIELDS.find((r) => r.name === name);
    out.push({ name, unit, encoding, ...(known?.quantity ? { quantity: known.quantity } : {}) });
  }
  return out;
}
