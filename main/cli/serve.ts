// npm run serve [-- --port N --city DIR --source DIR]: browser mode on 127.0.0.1.
import { exitWithError, runBrowserMode } from './browserMode.js';
import { parseCliOptions, prepareApp } from './prepare.js';
import { printKioskUrl } from './kioskCli.js';

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  const app = await prepareApp(options);
  const server = await runBrowserMode(app, options);
  printKioskUrl(server.url, options.kiosk);
}

main().catch(exitWithError);
