// npm start: prepares the app, then runs it in Electron when the binary is installed, else serves
// browser mode exactly as `npm run serve` does.
import { spawn } from 'node:child_process';
import { bundleElectron } from '../../build/bundleElectron.js';
import { exitWithError, runBrowserMode } from './browserMode.js';
import { findElectronBinary } from './electronBinary.js';
import { electronKioskArgs, printKioskUrl } from './kioskCli.js';
import { parseCliOptions, prepareApp, REPO_ROOT } from './prepare.js';

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  const app = await prepareApp(options);
  const electron = findElectronBinary(REPO_ROOT);
  if (!electron) {
    console.log('The Electron binary is not installed here; serving browser mode instead.');
    const server = await runBrowserMode(app, options);
    printKioskUrl(server.url, options.kiosk);
    return;
  }
  await bundleElectron();
  const env: NodeJS.ProcessEnv = { ...process.env, VSEOUL_CITY_DIR: app.cityDir, VSEOUL_BATCH_RESULTS: options.batchResults };
  if (!options.wikiServer) {
    // The wiki store's native module is built for this Node, not for Electron: serve the wiki from
    // here on loopback and let the desktop reach it through its vseoul:// protocol.
    const wikiHost = await runBrowserMode(app, { ...options, port: 0, host: '127.0.0.1' }, { wikiOnly: true });
    env.VSEOUL_WIKI_SERVER = wikiHost.url;
  }
  // Set in a shell, this would make Electron run as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, [REPO_ROOT, ...electronKioskArgs(options.kiosk)], { cwd: REPO_ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.once('error', exitWithError);
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch(exitWithError);
