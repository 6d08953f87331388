// npm run scenario -- scenarios/<file>.json [--city DIR] [--out DIR] [--only TYPE,...] | --schema
// Runs a planning scenario headless (see scenarioRun.ts) and prints a summary.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultBuildDir, REPO_ROOT } from '../tiles/cli/defaultPaths.js';
import { ANALYSIS_TYPES, isAnalysisType, type AnalysisType } from '../common/analyses/analyses.js';
import { parseScenario, SCENARIO_SCHEMA } from '../common/scenario/scenarioValidate.js';
import { runScenario } from './scenarioRun.js';

const USAGE = `Usage: npm run scenario -- FILE.json [--city DIR] [--out DIR] [--only TYPE,...]
       npm run scenario -- --schema

  FILE.json    scenario file (its schema: --schema)
  --city DIR   city build to analyse (default: $VSEOUL_BUILD_DIR or <repo>/city-build)
  --out DIR    output folder (default: <repo>/scenario-results/<file name>)
  --only TYPE  run only the analyses of these types (comma-separated: ${ANALYSIS_TYPES.join(', ')})
  --schema     print the scenario file's JSON Schema and exit`;

function parseArgs(argv: string[]): { file: string; city: string; out: string; only?: AnalysisType[] } {
  let file: string | null = null;
  let city = defaultBuildDir();
  let out: string | null = null;
  let only: AnalysisType[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a === '--schema') {
      console.log(JSON.stringify(SCENARIO_SCHEMA, null, 2));
      process.exit(0);
    } else if (a === '--only') {
      const types = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = types.filter((t) => !isAnalysisType(t));
      if (!types.length || unknown.length)
        throw new Error(`--only needs analysis types (${ANALYSIS_TYPES.join(', ')}); got "${unknown.join(', ')}"\n\n${USAGE}`);
      only = types as AnalysisType[];
    } else if (a === '--city' || a === '--out') {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a folder\n\n${USAGE}`);
      if (a === '--city') city = path.resolve(v);
      else out = path.resolve(v);
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}\n\n${USAGE}`);
    } else if (file === null) {
      file = a;
    } else {
      throw new Error(`more than one scenario file (${file}, ${a})\n\n${USAGE}`);
    }
  }
  if (!file) throw new Error(`no scenario file given\n\n${USAGE}`);
  return { file: path.resolve(file), city, only, out: out ?? path.join(REPO_ROOT, 'scenario-results', path.basename(file).replace(/\.json$/i, '')) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scenario = parseScenario(await readFile(args.file, 'utf8'), args.file);
  console.log(`scenario "${scenario.name}": ${scenario.proposals.length} proposals, ${scenario.analyses.length} analyses; city ${args.city}`);
  const started = performance.now();
  const summary = await runScenario(scenario, {
    cityDir: args.city,
    outDir: args.out,
    scenarioPath: args.file,
    only: args.only,
    log: (line) => console.log(line),
  });
  const problems = summary.problems.length + summary.analyses.reduce((n, a) => n + a.problems.length, 0);
  console.log(
    `done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${summary.analyses.reduce((n, a) => n + a.files.length, 0)} result files in ${args.out} (summary.json)${problems ? `, ${problems} problems listed above` : ''}`,
  );
}

main().catch((err: unknown) => {
  console.error(`scenario: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
