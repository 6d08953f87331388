// npm run bench            -> every benchmark
// npm run bench -- NAME..  -> only those
import { formatTable, recordFigures, RESULTS_FILE, type Bench } from './figures.js';
import { buildBench } from './buildBench.js';
import { fireBench } from './fireBench.js';
import { wikiBench } from './wikiBench.js';
import { sensorBench } from './sensorBench.js';
import { viewBench } from './viewBench.js';
import { floodBench } from './floodBench.js';
import { facadeBench } from './facadeBench.js';
import { windBench } from './windBench.js';
import { sunBench } from './sunBench.js';
import { surfaceBench } from './surfaceBench.js';
import { cityViewBench } from './cityViewBench.js';
import { cityBench } from './cityBench.js';
import { batchBench } from './batchBench.js';

const BENCHES: Bench[] = [
  buildBench,
  sensorBench,
  wikiBench,
  fireBench,
  viewBench,
  floodBench,
  facadeBench,
  windBench,
  sunBench,
  surfaceBench,
  cityViewBench,
  cityBench,
  batchBench,
];

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? BENCHES.filter((b) => wanted.includes(b.name)) : BENCHES;
let failed = false;
for (const b of selected) {
  console.log(`\n== ${b.name}: ${b.description}`);
  try {
    const figures = await b.run();
    recordFigures(figures);
    console.log(`\n${formatTable(figures)}`);
  } catch (err) {
    failed = true;
    console.error(`${b.name} failed: ${(err as Error).stack ?? err}`);
  }
}
console.log(`\nfigures appended to ${RESULTS_FILE}`);
process.exitCode = failed ? 1 : 0;
