// Shared by the JSON readers: reading and parsing a source file, or the one file-level issue
// that says why it could not be used (the build then goes on with the other files).
import { readFile } from 'node:fs/promises';
import type { ReadResult } from './types.js';

export function fileFailure(file: string, problem: string): ReadResult {
  return { features: [], issues: [{ file, featureId: '*', problem, action: 'file-skipped' }] };
}

/** The parsed document, or a ReadResult holding the file-level issue. */
export async function readJsonFile(path: string, displayName: string): Promise<{ doc: unknown } | { failure: ReadResult }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { failure: fileFailure(displayName, `cannot read file: ${(err as Error).message}`) };
  }
  try {
    return { doc: JSON.parse(text) };
  } catch (err) {
    return { failure: fileFailure(displayName, `not valid JSON (truncated or corrupt?): ${(err as Error).message}`) };
  }
}
