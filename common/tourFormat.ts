// The kiosk's tour files (scenarios/tours/<name>.tour.json): the attract loop's stops and the
// kiosk's big buttons. Types for the renderer, and the JSON schema the host checks every file
// against (main/kiosk/tourFiles.ts) before the renderer sees it. DOM- and Node-free on purpose:
// both sides import it.

export interface Bilingual {
  ko: string;
  en: string;
}

/** Camera position in degrees / ellipsoidal metres; heading and pitch in degrees (pitch < 0 looks down). */
export interface TourCamera {
  lon: number;
  lat: number;
  height: number;
  heading: number;
  pitch: number;
}

/** Where a stop's place comes from in the source data, so a test can check the tour against it. */
export interface TourPlace {
  /** Path in the source data folder, e.g. buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson. */
  source: string;
  /** OSM id of the feature (building footprint or waterway) the stop looks at. */
  osmId: number;
  /** The feature's centroid (footprints) or first vertex (waterways), degrees. */
  lon: number;
  lat: number;
}

export interface TourStop {
  id: string;
  caption: Bilingual;
  place?: TourPlace;
  camera: TourCamera;
  flightSeconds: number;
  dwellSeconds: number;
  /** Layers shown at this stop when available; missing ones are logged once and left out. */
  layers: string[];
  /** Layers (e.g. precomputed results) without which the stop is skipped, with one log line. */
  requires?: string[];
}

export interface KioskButton {
  id: string;
  label: Bilingual;
  /** Layers the button toggles (those available); the button is disabled when none is. */
  layers: string[];
  /** What the button does when none of its layers is available: 'sun-sweep' plays a day of sunlight. */
  fallback?: 'sun-sweep';
}

export interface TourFile {
  id: string;
  title: Bilingual;
  stops: TourStop[];
  buttons: KioskButton[];
}

const bilingual = {
  type: 'object',
  required: ['ko', 'en'],
  additionalProperties: false,
  properties: { ko: { type: 'string', minLength: 1, maxLength: 300 }, en: { type: 'string', minLength: 1, maxLength: 300 } },
} as const;

const layerIds = { type: 'array', maxItems: 32, items: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } } as const;

/** JSON Schema (draft-07, as ajv reads it by default). */
export const TOUR_SCHEMA = {
  $id: 'https://virtual-seoul.invalid/schemas/tour.json',
  type: 'object',
  required: ['id', 'title', 'stops', 'buttons'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
    title: bilingual,
    stops: {
      type: 'array',
      minItems: 1,
      maxItems: 100,
      items: {
        type: 'object',
        required: ['id', 'caption', 'camera', 'flightSeconds', 'dwellSeconds', 'layers'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
          caption: bilingual,
          place: {
            type: 'object',
            required: ['source', 'osmId', 'lon', 'lat'],
            additionalProperties: false,
            properties: {
              source: { type: 'string', minLength: 1, maxLength: 300 },
              osmId: { type: 'integer', minimum: 1 },
              lon: { type: 'number', minimum: -180, maximum: 180 },
              lat: { type: 'number', minimum: -90, maximum: 90 },
            },
          },
          camera: {
            type: 'object',
            required: ['lon', 'lat', 'height', 'heading', 'pitch'],
            additionalProperties: false,
            properties: {
              lon: { type: 'number', minimum: -180, maximum: 180 },
              lat: { type: 'number', minimum: -90, maximum: 90 },
              height: { type: 'number', minimum: 1, maximum: 100000 },
              heading: { type: 'number', minimum: -360, maximum: 360 },
              pitch: { type: 'number', minimum: -90, maximum: 0 },
            },
          },
          flightSeconds: { type: 'number', minimum: 0, maximum: 120 },
          dwellSeconds: { type: 'number', minimum: 1, maximum: 600 },
          layers: layerIds,
          requires: layerIds,
        },
      },
    },
    buttons: {
      type: 'array',
      maxItems: 8,
      items: {
        type: 'object',
        required: ['id', 'label', 'layers'],
        additionalProperties: false,
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
          label: bilingual,
          layers: layerIds,
          fallback: { enum: ['sun-sweep'] },
        },
      },
    },
  },
} as const;

/** Tour names as the host accepts them in URLs (no dots, no slashes: nothing to traverse with). */
export const TOUR_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The route the renderer fetches a tour from: GET <TOUR_ROUTE><name>. */
export const TOUR_ROUTE = '/api/kiosk/tours/';

/** The route the renderer posts log lines to (browser mode and Electron alike). */
export const CLIENT_LOG_ROUTE = '/api/kiosk/log';
