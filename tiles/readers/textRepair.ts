// Korean text that was read with the wrong encoding: CP949 (EUC-KR) bytes decoded as Latin-1 and
// then saved as UTF-8, the usual result of converting a Korean shapefile without its .cpg
// (`¹«¿ªÈ¸°ü` for 무역회관). Every Latin-1 character is one byte, so encoding the text back as
// Latin-1 gives the original bytes, and decoding them as CP949 (WHATWG 'euc-kr' is Windows-949)
// gives the original text.

/** The source option that asks for the repair (sources config `textRepair`). */
export const CP949_READ_AS_LATIN1 = 'cp949-read-as-latin1';
export type TextRepair = typeof CP949_READ_AS_LATIN1;

const cp949 = new TextDecoder('euc-kr', { fatal: true });
const HANGUL = /[\uAC00-\uD7A3]/;

/**
 * The repaired text when `text` is CP949 read as Latin-1 (only Latin-1 characters, some of them
 * above ASCII, decoding as CP949 without error into text with Hangul); otherwise null. Real Latin
 * text such as "Café" is not valid CP949 and is left alone.
 */
export function repairCp949ReadAsLatin1(text: string): string | null {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return null;
    if (c >= 0x80) high = true;
  }
  if (!high) return null;
  let decoded: string;
  try {
    decoded = cp949.decode(Buffer.from(text, 'latin1'));
  } catch {
    return null;
  }
  return HANGUL.test(decoded) ? decoded : null;
}

export interface TextRepairResult {
  /** How many texts looked garbled (and were repaired when the option was set). */
  garbled: number;
  /** Texts examined that hold any non-ASCII character. */
  nonAscii: number;
  /** One garbled example and its repair, for the report line. */
  example: { garbled: string; repaired: string } | null;
}

/**
 * Checks (and, when `repair` is set, repairs in place through `set`) every text. The caller says
 * in one line what was found: garbled text without the option, the repairs with it.
 */
export function scanGarbledText(texts: Iterable<{ get(): string; set(value: string): void }>, repair: boolean): TextRepairResult {
  const result: TextRepairResult = { garbled: 0, nonAscii: 0, example: null };
  for (const t of texts) {
    const text = t.get();
    if (!/[\u0080-\uffff]/.test(text)) continue;
    result.nonAscii++;
    const fixed = repairCp949ReadAsLatin1(text);
    if (fixed === null) continue;
    result.garbled++;
    result.example ??= { garbled: text, repaired: fixed };
    if (repair) t.set(fixed);
  }
  return result;
}
