// Data attributions from the city build (OpenStreetMap contributors, KOSTAT, NASA SRTM, …) in
// Cesium's credit area, where map users expect them.
import { Credit, type CesiumWidget } from 'cesium';
import type { CityManifest } from '../../common/buildFormat.js';
import type { Remover } from './lifetime.js';

/** Longer attributions go to Cesium's "Data attribution" list so the view stays clear. */
const ON_SCREEN_MAX_CHARS = 100;

/** Adds the build's attributions; returns the Remover taking them off again. */
export function addCityCredits(viewer: CesiumWidget, manifest: CityManifest): Remover {
  const texts = new Set<string>();
  for (const a of manifest.attributions ?? []) if (a.trim()) texts.add(a.trim());
  for (const layer of manifest.layers ?? []) if (layer.attribution?.trim()) texts.add(layer.attribution.trim());
  const credits = [...texts].map((text) => new Credit(escapeHtml(text), text.length <= ON_SCREEN_MAX_CHARS));
  for (const credit of credits) viewer.creditDisplay.addStaticCredit(credit);
  return () => {
    for (const credit of credits) viewer.creditDisplay.removeStaticCredit(credit);
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
