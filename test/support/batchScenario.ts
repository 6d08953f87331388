// A one-analysis scenario file for batch tests and the batch benchmark (its area is replaced by --area).
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeBatchScenario(dir: string, name: string, analysis: object): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, area: { west: 126.93, south: 37.57, east: 126.94, north: 37.58 }, proposals: [], analyses: [analysis] }));
  return file;
}
