// Where the Electron app finds what it serves, in development (electron . from the repository)
// and when packaged (app.asar plus the city build as an extra resource).
import { app } from 'electron';
import { join } from 'node:path';

export interface AppPaths {
  rendererDir: string;
  cesiumDir: string;
  cityDir: string;
  /** Batch runs the app lists (npm start passes --batch-results through VSEOUL_BATCH_RESULTS). */
  batchResultsDir: string;
  preloadScript: string;
}

export function resolveAppPaths(): AppPaths {
  const appRoot = app.getAppPath();
  const defaultCityDir = app.isPackaged ? join(process.resourcesPath, 'city') : join(appRoot, 'city-build');
  return {
    rendererDir: join(appRoot, 'dist', 'renderer'),
    cesiumDir: join(appRoot, 'node_modules', 'cesium', 'Build', 'Cesium'),
    // npm start passes --city through this variable; a packaged app uses its bundled build.
    cityDir: process.env.VSEOUL_CITY_DIR || defaultCityDir,
    batchResultsDir: process.env.VSEOUL_BATCH_RESULTS || (app.isPackaged ? join(app.getPath('userData'), 'batch-results') : join(appRoot, 'batch-results')),
    preloadScript: join(appRoot, 'dist', 'preload', 'preload.cjs'),
  };
}
