// Bundles the Electron main process and the preload script (npm run build:electron):
//   main/electron/main.ts -> dist/main/electron/main.cjs
//   preload/ipcBridge.ts  -> dist/preload/preload.cjs
// CommonJS for Node, electron left external. The preload must be one self-contained file: a
// sandboxed preload can require nothing but 'electron' and a few Node built-ins.
import { build, type BuildOptions } from 'esbuild';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points and output paths (relative to the output folder, default <repo>/dist). */
export const ELECTRON_BUNDLES = {
  main: { entry: 'main/electron/main.ts', outfile: 'main/electron/main.cjs' },
  preload: { entry: 'preload/ipcBridge.ts', outfile: 'preload/preload.cjs' },
} as const;

export async function bundleElectron(outDir = join(repoRoot, 'dist')): Promise<{ main: string; preload: string }> {
  const root = repoRoot;
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: root,
  };
  const outputs = { main: join(outDir, ELECTRON_BUNDLES.main.outfile), preload: join(outDir, ELECTRON_BUNDLES.preload.outfile) };
  await Promise.all([
    // better-sqlite3 is a native module: it is loaded from node_modules at run time (rebuilt for
    // Electron by electron-builder when packaging), never bundled.
    build({ ...common, external: ['electron', 'better-sqlite3'], entryPoints: [ELECTRON_BUNDLES.main.entry], outfile: outputs.main }),
    build({ ...common, entryPoints: [ELECTRON_BUNDLES.preload.entry], outfile: outputs.preload }),
  ]);
  return outputs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  bundleElectron().then(
    (out) => console.log(`Bundled ${relative(repoRoot, out.main)} and ${relative(repoRoot, out.preload)}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
