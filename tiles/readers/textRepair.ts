// Korean text that was read with the wrong encoding: CP949 (EUC-KR) bytes decoded as Latin-1 and
// then saved as UTF-8, the usual result of converting a Korean shapefile without its .cpg
// (`¹«¿ªÈ¸°ü` for 무역회관). Every Latin-1 character is one byte, so encoding the text back as
// Latin-1 gives the original bytes, and decoding them as CP949 (WHATWG 'euc-kr' is Windows-949)
// gives the original text.

/** The source option that asks for the repair (sources config `textRepair`). */
export const CP949_READ_AS_LATIN1 = 'cp949-read-as-latin1';
export type TextRepair = typeof CP949_READ_AS_LATIN1;

const cp949 = new TextDecoder('euc-kr', { fatal: true });
const utf8 = new TextDecoder('utf-8', { fatal: true });
const HANGUL = /[\uAC00-\uD7A3]/;

/** The text of bytes in the decoder's encoding, null when they are not in it (the decoders are fatal). */
function decodeOrNull(decoder: { decode(input: Uint8Array): string }, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}
const decodesAs = (decoder: { decode(input: Uint8Array): string }, bytes: Uint8Array) => decodeOrNull(decoder, bytes) !== null;

/**
 * The encoding text bytes are in when it is not `used` (a TextDecoder label), else null: bytes that
 * are not UTF-8 but CP949 when read as UTF-8 (a .cpg saying UTF-8 on a CP949 file), and bytes that
 * are UTF-8 when read as CP949 (Korean CP949 text is practically never valid UTF-8: its lead bytes
 * 0xB0-0xC8 are UTF-8 continuation bytes). Plain ASCII fits both.
 */
export function suggestEncoding(bytes: Uint8Array, used: string): 'UTF-8' | 'CP949' | null {
  if (!bytes.some((b) => b >= 0x80)) return null;
  if (used === 'utf-8') return !decodesAs(utf8, bytes) && decodesAs(cp949, bytes) ? 'CP949' : null;
  if (used === 'euc-kr') return decodesAs(utf8, bytes) ? 'UTF-8' : null;
  return null;
}

/** Texts holding U+FFFD: what a decoder makes of bytes that are not in its encoding. */
export const hasReplacementChar = (text: string) => text.includes('\uFFFD');

/**
 * The text the bytes meant when `text` can be CP949 read as Latin-1: only Latin-1 characters,
 * some of them above ASCII, and those bytes decode as CP949 without error; otherwise null. Real
 * Latin text such as "Café" is almost never valid CP949 and is left alone.
 */
export function repairCp949ReadAsLatin1(text: string): string | null {
  let high = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) return null;
    if (c >= 0x80) high = true;
  }
  if (!high) return null;
  return decodeOrNull(cp949, Buffer.from(text, 'latin1'));
}

export interface TextRepairResult {
  /** Texts that decode into Korean: the sign of the defect (counted with or without the repair). */
  garbled: number;
  /** Texts changed (the repair also restores e.g. "M¡¤K" -> "M·K", CP949's middle dot). */
  repaired: number;
  /** Texts whose non-ASCII characters are all Latin-1 (text with Hangul or other scripts is fine as it is). */
  latin1: number;
  /** One garbled example and its repair, for the report line. */
  example: { garbled: string; repaired: string } | null;
}

/**
 * Checks (and, when `repair` is set, repairs in place through `set`) every text. The caller says
 * in one line what was found: garbled text without the option, the repairs with it.
 */
export function scanGarbledText(texts: Iterable<{ get(): string; set(value: string): void }>, repair: boolean): TextRepairResult {
  const result: TextRepairResult = { garbled: 0, repaired: 0, latin1: 0, example: null };
  for (const t of texts) {
    const text = t.get();
    if (!/[\u0080-\u00ff]/.test(text) || /[\u0100-\uffff]/.test(text)) continue;
    result.latin1++;
    const fixed = repairCp949ReadAsLatin1(text);
    if (fixed === null) continue;
    if (HANGUL.test(fixed)) {
      result.garbled++;
      result.example ??= { garbled: text, repaired: fixed };
    }
    if (repair) {
      t.set(fixed);
      result.repaired++;
    }
  }
  return result;
}
