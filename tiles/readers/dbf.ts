// dBASE (.dbf) records as the `shapefile` package gives them (same field types and values), with
// Node's built-in TextDecoder: the package decodes every field through the pure-JS `text-encoding`
// polyfill, which took a sixth of the 600,000-building build (test/bench/cityBench.ts). Layout:
// a 32-byte header (record count at 4, header and record lengths at 8 and 10), 32-byte field
// descriptors ended by 0x0d, then fixed-width records, each after a one-byte deletion flag.

export type DbfValue = string | number | boolean | Date | null;

interface Field {
  name: string;
  type: string;
  offset: number;
  length: number;
}

/** A short field's text: ASCII directly (numbers, dates, flags), anything else through the decoder. */
function text(bytes: Uint8Array, start: number, end: number, decoder: { decode(input: Uint8Array): string }): string {
  let s = '';
  for (let i = start; i < end; i++) {
    if (bytes[i] > 0x7f) return decoder.decode(bytes.subarray(start, end));
    s += String.fromCharCode(bytes[i]);
  }
  return s;
}

export interface DbfTable {
  records: Array<Record<string, DbfValue>>;
  /** The record count the header states (a cut-off or padded file holds another number). */
  headerRecordCount: number;
  /** The bytes of the records (after the header): what the text encoding check looks at. */
  recordBytes: Uint8Array;
}

/**
 * Every record of a .dbf file, decoded with `encoding` (a TextDecoder label). Throws on a file
 * that is not a dBASE table. Values as the `shapefile` package gives them: C text trimmed (null
 * when blank), N/F/B/M numbers (null when blank or not a number), L booleans (null when neither
 * Y/T nor N/F), D dates.
 */
export function readDbfTable(file: Uint8Array, encoding: string): DbfTable {
  const decoder = new TextDecoder(encoding);
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 32) throw new Error('not a dBASE file (shorter than its header)');
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength > file.byteLength || headerLength < 33 || recordLength < 1) throw new Error('not a dBASE file (header lengths out of range)');
  const fields: Field[] = [];
  let offset = 1; // after the deletion flag
  let at = 32;
  for (; at < headerLength && file[at] !== 0x0d; at += 32) {
    if (at + 32 > headerLength) throw new Error('not a dBASE file (field descriptors run past the header)');
    let nameEnd = at;
    while (nameEnd < at + 11 && file[nameEnd] !== 0) nameEnd++;
    const length = file[at + 16];
    fields.push({ name: decoder.decode(file.subarray(at, nameEnd)), type: String.fromCharCode(file[at + 11]), offset, length });
    offset += length;
  }
  if (file[at] !== 0x0d) throw new Error('not a dBASE file (no end of the field descriptors)');

  // Like the package: records until the end of the file or the end-of-file mark (the header's
  // record count is not trusted), deleted ones included, values from the untrimmed field text.
  const records: Array<Record<string, DbfValue>> = [];
  for (let start = headerLength; start < file.byteLength && file[start] !== 0x1a; start += recordLength) {
    const record: Record<string, DbfValue> = {};
    for (const f of fields) {
      const s = Math.min(start + f.offset, file.byteLength);
      const e = Math.min(s + f.length, file.byteLength, start + recordLength);
      let value: DbfValue;
      if (f.type === 'C') {
        let blank = s;
        while (blank < e && file[blank] === 0x20) blank++;
        record[f.name] = blank === e ? null : decoder.decode(file.subarray(s, e)).trim() || null;
        continue;
      }
      const raw = text(file, s, e, decoder);
      switch (f.type) {
        case 'N':
        case 'F':
        case 'B':
        case 'M': {
          const t = raw.trim();
          value = t && !Number.isNaN(+t) ? +t : null;
          break;
        }
        case 'L':
          value = /^[nf]$/i.test(raw) ? false : /^[yt]$/i.test(raw) ? true : null;
          break;
        case 'D':
          value = new Date(+raw.substring(0, 4), Number(raw.substring(4, 6)) - 1, +raw.substring(6, 8));
          break;
        default:
          throw new Error(`unknown dBASE field type ${f.type} (${f.name})`);
      }
      record[f.name] = value;
    }
    records.push(record);
  }
  return { records, headerRecordCount: view.getUint32(4, true), recordBytes: file.subarray(headerLength) };
}
