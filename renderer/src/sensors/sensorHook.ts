// window.__vseoulSensors (shape: sensorTestHookApi.ts), read from the sensor layer's parts.
import type { SdotFeedClient } from './sensorFeedClient.js';
import type { SensorSiteDrawing } from './sensorDrawing.js';
import type { SensorModel } from './sensorModel.js';
import type { SensorSurface } from './sensorSurface.js';
import type { SensorTestHook } from './sensorTestHookApi.js';

export function sensorHook(model: SensorModel, sites: SensorSiteDrawing, client: SdotFeedClient, surface: () => SensorSurface | null): SensorTestHook {
  return {
    get siteCount() {
      return model.serials.length;
    },
    get drawnSites() {
      return sites.drawnCount;
    },
    get quantity() {
      return model.quantity;
    },
    get mode() {
      return model.mode;
    },
    get withValue() {
      return model.counts.withValue;
    },
    get flagged() {
      return model.counts.flagged;
    },
    get silent() {
      return model.counts.silent;
    },
    get redraws() {
      return model.redraws;
    },
    get feedVersion() {
      return client.state?.version ?? null;
    },
    get surface() {
      return surface()?.last ?? null;
    },
    colourOf(serial) {
      return model.colourOf(serial);
    },
    windowPositionOf(serial) {
      const i = model.indexOf(serial);
      return i === undefined ? null : sites.windowPosition(i);
    },
    get lastReadingTime() {
      return model.lastReadingTime;
    },
  };
}

declare global {
  interface Window {
    __vseoulSensors?: SensorTestHook;
  }
}
