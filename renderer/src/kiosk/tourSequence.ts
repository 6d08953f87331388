// Which stop the attract tour plays next (attractTour.ts flies there). DOM- and Cesium-free,
// unit-tested in Node against the real tour file.
import type { TourStop } from '../../../common/tourFormat.js';

export interface NextStop {
  /** The stop to play, or null when every stop needs a layer that is not available. */
  index: number | null;
  /** Stops passed over on the way, with the required layers they lacked. */
  skipped: Array<{ index: number; missing: string[] }>;
  /** How often the sequence passed its first stop (a new loop). */
  wraps: number;
}

/** The next stop after `from` (-1: the first) whose required layers are all available, wrapping round once at most. */
export function nextStop(stops: readonly TourStop[], from: number, available: (layerId: string) => boolean): NextStop {
  const skipped: NextStop['skipped'] = [];
  let wraps = 0;
  let index = from;
  for (let tried = 0; tried < stops.length; tried++) {
    index = (index + 1) % stops.length;
    if (index === 0) wraps++;
    const missing = (stops[index].requires ?? []).filter((id) => !available(id));
    if (missing.length === 0) return { index, skipped, wraps };
    skipped.push({ index, missing });
  }
  return { index: null, skipped, wraps };
}

/** Layer id -> shown, as a stop sets things up: the tour's layers as the stop asks, the others as they are. */
export function stopLayerStates(
  layers: ReadonlyArray<{ id: string; visible: boolean }>,
  tourLayers: readonly string[],
  stop: TourStop,
): Record<string, boolean> {
  return Object.fromEntries(layers.map((l) => [l.id, tourLayers.includes(l.id) ? stop.layers.includes(l.id) : l.visible]));
}
