// Data attributions from the city build (OpenStreetMap contributors, KOSTAT, NASA SRTM, …) in
// Cesium's credit area, where map users expect them.
import { Credit, type CesiumWidget } from 'cesium';
import type { CityManifest } from '../../common/buildFormat.js';

/** Longer attributions go to Cesium's "Data attribution" list so the view stays clear. */
const ON_SCREEN_MAX_CHARS = 100;

export function addCityCredits(viewer: CesiumWidget, manifest: CityManifest): string[] {
  const texts = new Set<string>();
  for (const a of manifest.attributions ?? []) if (a.trim()) texts.add(a.trim());
  for (const layer of manifest.layers ?? []) if (layer.attribution?.trim()) texts.add(layer.attribution.trim());
  for (const text of texts) {
    const credit = new Credit(escapeHtml(text), text.length <= ON_SCREEN_MAX_CHARS);
    viewer.creditDisplay.addStaticCredit(credit);
  }
  return [...texts];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
