// window.__vseoulKiosk: a read-only view of the kiosk for end-to-end tests and the soak run.
// DOM-free so the Node-side tests can import the type.
export interface KioskTestHook {
  /** 'starting' until the tour is loaded, then 'attract' (tour playing) or 'interactive' (someone touched it). */
  readonly state: 'starting' | 'attract' | 'interactive' | 'failed';
  /** Id of the stop being shown, null outside the attract loop. */
  readonly stopId: string | null;
  /** Layer id -> switched on as the current stop sets the layers up (tour layers as the stop asks, others as they are); null outside the attract loop. */
  readonly stopLayers: Record<string, boolean> | null;
  /** Idle resets since the page loaded. */
  readonly resets: number;
  /** Stops shown since the page loaded (skipped ones not counted). */
  readonly stopsShown: number;
  readonly idleSeconds: number;
  /** Reloads that recovered this tab (sessionStorage), with their reasons. */
  readonly recoveries: ReadonlyArray<{ at: number; reason: string }>;
  /** The last lines the kiosk logged. */
  readonly log: readonly string[];
  /** Camera position (degrees, metres) and heading/pitch (degrees). */
  camera(): { lon: number; lat: number; height: number; heading: number; pitch: number };
  /** Only with ?kioskTest=1: makes the next frame throw inside Cesium's render loop. */
  injectRenderFault?(): void;
}

export interface WithKioskTestHook {
  __vseoulKiosk?: KioskTestHook;
}
