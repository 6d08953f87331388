// Replay input: S-DoT files read from disk (formats: replayText.ts).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseReplayText, type ReplayFormat } from '../../../common/sdot/replayText.js';
import type { ParseResult } from '../../../common/sdot/sdotReading.js';

export { detectReplayFormat, parseReplayText, type ReplayFormat } from '../../../common/sdot/replayText.js';

export async function loadReplayFiles(
  files: readonly string[],
): Promise<ParseResult & { files: Array<{ file: string; format: ReplayFormat | null; readings: number; problem: string | null }> }> {
  const out: ParseResult & { files: Array<{ file: string; format: ReplayFormat | null; readings: number; problem: string | null }> } = {
    readings: [],
    rejected: [],
    files: [],
  };
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      out.files.push({ file, format: null, readings: 0, problem: `cannot read: ${(err as Error).message}` });
      continue;
    }
    const parsed = parseReplayText(text, path.basename(file));
    out.readings.push(...parsed.readings);
    out.rejected.push(...parsed.rejected);
    out.files.push({ file, format: parsed.format, readings: parsed.readings.length, problem: null });
  }
  out.readings.sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.serial.localeCompare(b.serial));
  return out;
}
