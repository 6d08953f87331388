// The Electron entry (bundled to dist/main/electron/main.cjs): one instance, one hardened window
// on vseoul://app/, served by the same host modules as browser mode.
import { app, BrowserWindow, Menu } from 'electron';
import { join } from 'node:path';
import { createHostApi } from '../host/hostApi.js';
import { mountWiki } from '../wiki/wikiMount.js';
import { installAppMenu } from './appMenu.js';
import { resolveAppPaths } from './appPaths.js';
import { APP_URL, handleAppProtocol, registerAppScheme } from './appProtocol.js';
import { registerIpcHandlers } from './ipcHandlers.js';
import { hardenSessions } from './windowSecurity.js';
import { KIOSK_WINDOW_OPTIONS, kioskOptionsFrom, lockDownKioskContents, startUrl, superviseRenderer } from './kioskShell.js';
import { createRotatingLog, type RotatingLog } from '../host/rotatingLog.js';

// Console until the app is ready, then also a rotating file (logs/main.log) for unattended kiosks.
let logFile: RotatingLog | null = null;
const log = (line: string): void => (logFile ? logFile.write(line) : console.log(`[virtual-seoul] ${line}`));
// npm start -- --kiosk (or VSEOUL_KIOSK=1): the exhibition mode (main/electron/kioskShell.ts).
const kiosk = kioskOptionsFrom(process.argv, process.env);

let mainWindow: BrowserWindow | null = null;

/** `--name value` or `--name=value` on the app's command line (a packaged app has no npm start). */
function commandLineValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function createMainWindow(preloadScript: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Virtual Seoul',
    backgroundColor: '#10151c',
    ...(kiosk.kiosk ? KIOSK_WINDOW_OPTIONS : {}),
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: !app.isPackaged && !kiosk.kiosk,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  superviseRenderer(window, () => startUrl(APP_URL, kiosk), log);
  if (kiosk.kiosk) lockDownKioskContents(window.webContents, log);
  void window.loadURL(startUrl(APP_URL, kiosk));
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const paths = resolveAppPaths();
  const version = app.getVersion();
  // The host's kiosk routes (tours, renderer log lines) read these; see main/kiosk/kioskRoutes.ts.
  process.env.VSEOUL_LOG_DIR ||= app.getPath('logs');
  process.env.VSEOUL_TOURS_DIR ||= join(app.getAppPath(), 'scenarios', 'tours');
  logFile = createRotatingLog({ dir: process.env.VSEOUL_LOG_DIR, name: 'main', echo: (l) => console.log(`[virtual-seoul] ${l}`) });
  if (kiosk.kiosk) log(`kiosk mode: ${startUrl(APP_URL, kiosk)}`);
  log(`city build: ${paths.cityDir}`);
  hardenSessions(log);
  // npm start points VSEOUL_WIKI_SERVER at a wiki it serves from Node (better-sqlite3 there is
  // built for Node, not Electron); a packaged app keeps its own store in the user data folder.
  const wiki = await mountWiki({
    server: commandLineValue('--wiki-server') ?? (process.env.VSEOUL_WIKI_SERVER || undefined),
    dbPath: process.env.VSEOUL_WIKI_DB || join(app.getPath('userData'), 'wiki', 'wiki.sqlite'),
    onError: log,
  });
  log(`wiki: ${wiki.description}`);
  app.on('will-quit', () => wiki.close());
  handleAppProtocol(paths, version, log, wiki);
  registerIpcHandlers(createHostApi({ cityDir: paths.cityDir, shell: 'electron', appVersion: version }), log);
  if (kiosk.kiosk) Menu.setApplicationMenu(null);
  else installAppMenu();
  app.setAboutPanelOptions({
    applicationName: 'Virtual Seoul',
    applicationVersion: version,
    credits: 'CesiumJS (Apache-2.0). Map data: see the credits in the app.',
  });
  mainWindow = createMainWindow(paths.preloadScript);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(paths.preloadScript);
  });
}

// Every renderer is sandboxed, whatever a window's own options say.
app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the window; it is focused by its 'second-instance' handler.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start, (err: unknown) => {
    console.error(err);
    app.exit(1);
  });
}
