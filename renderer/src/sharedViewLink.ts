// The query of a shared view's link (shareView.ts): written from the view's state, read back at start.
// No DOM or Cesium here, so Node tests read it too.

/** What a link holds besides the camera. */
export interface SharedState {
  /** [lon, lat, height above the ellipsoid (m), heading, pitch] in degrees. */
  camera: [number, number, number, number, number];
  time: Date;
  /** The visible layers' ids. */
  layers: string[];
  lang: 'ko' | 'en';
  building: string | null;
}

/** The parameters a link replaces; any other parameter of the page stays. */
const SHARED_PARAMS = ['camera', 'view', 'time', 'layers', 'lang', 'building'];

/** `search` (the page's query) with the shared state written in: 1 cm, 0.01 m and 0.001° are finer than any view needs. */
export function sharedViewSearch(search: string, state: SharedState): string {
  const params = new URLSearchParams(search);
  for (const name of SHARED_PARAMS) params.delete(name);
  const [lon, lat, height, heading, pitch] = state.camera;
  params.set('camera', [lon.toFixed(7), lat.toFixed(7), height.toFixed(2), heading.toFixed(3), pitch.toFixed(3)].join(','));
  params.set('time', state.time.toISOString());
  params.set('layers', state.layers.join(','));
  params.set('lang', state.lang);
  if (state.building) params.set('building', state.building);
  // Commas are safe in a query: kept readable.
  return `?${params.toString().replaceAll('%2C', ',')}`;
}

/** The layers and the building a link asks for (null: not in the link). */
export function readSharedSelection(search: string): { layers: string[] | null; building: string | null } {
  const params = new URLSearchParams(search);
  const layers = params.get('layers');
  return { layers: layers === null ? null : layers.split(',').filter(Boolean), building: params.get('building') || null };
}
