// npm run fixture:city600k -- [--source DIR] [--out DIR] [--buildings N]
// Writes the SYNTHETIC 600,000-building city (real footprints tiled across Seoul's extent, in the
// national building layer's shapefile form) for scale tests: tiles/fixtures/generateCity.ts. It is
// not Seoul, never part of the default build, and its records and PROVENANCE.txt say so.
import path from 'node:path';
import { generateSyntheticCity } from '../fixtures/generateCity.js';
import { parseCliOptions } from './cliOptions.js';
import { defaultSourceDir, REPO_ROOT } from './defaultPaths.js';

const DEFAULT_OUT = path.join(REPO_ROOT, '.tmp', 'fixtures', 'city600k');

const USAGE = `Usage: npm run fixture:city600k -- [--source DIR] [--out DIR] [--buildings N]

  --source DIR     the real data folder (default: $VSEOUL_DATA_DIR or <repo>/../shared/data); only read
  --out DIR        output folder (default: .tmp/fixtures/city600k, git-ignored); never inside --source
  --buildings N    buildings in the city (default 600000)

Then: npm run build:city -- --source <out> --sources tiles/sources/synthetic-city600k.json --skip-surface-model --out /tmp/city600k-build`;

async function main(): Promise<number> {
  const args = parseCliOptions({ source: { type: 'string' }, out: { type: 'string' }, buildings: { type: 'string' } }, USAGE);
  if (typeof args === 'number') return args;
  const total = args.buildings === undefined ? 600_000 : Number(args.buildings);
  if (!Number.isInteger(total) || total < 1) {
    console.error(`--buildings must be a positive whole number\n\n${USAGE}`);
    return 2;
  }
  const sourceDir = args.source ? path.resolve(args.source) : defaultSourceDir();
  const outDir = args.out ? path.resolve(args.out) : DEFAULT_OUT;
  console.log(`SYNTHETIC city fixture (not Seoul): ${total.toLocaleString('en-US')} buildings\n  real footprints from: ${sourceDir}\n  out: ${outDir}`);
  try {
    const s = await generateSyntheticCity({ sourceDir, outDir, plan: { total } });
    for (const g of s.gus) console.log(`  ${g.file.padEnd(44)} ${String(g.buildings).padStart(7)} buildings in ${g.cells} land cells`);
    const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
    const size = Object.values(s.bytes).reduce((a, b) => a + b, 0);
    console.log(
      `\n${s.buildings.toLocaleString('en-US')} buildings in ${s.gus.length} files, ${mb(size)} (${Object.entries(s.bytes)
        .map(([ext, b]) => `.${ext} ${mb(b)}`)
        .join(', ')}), ${s.seconds.toFixed(1)} s`,
    );
    return 0;
  } catch (err) {
    console.error(`\nfixture failed: ${(err as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
