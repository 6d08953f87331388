// The area an analysis covers: the visible part of the map, or a rectangle drawn with two clicks.
// The analyses read the surface model for it themselves, in the worker (analysisRun.ts).
import { Cartesian3, Color, Math as CesiumMath, Rectangle, type Entity } from 'cesium';
import type { ScenarioArea } from '../../../common/scenario/scenarioFormat.js';
import type { AnalysisContext } from './analysisContext.js';
import { analysisText } from './analysisText.js';

/** Largest side of an analysis area, metres: keeps a run at a few seconds on a laptop. */
export const MAX_AREA_SIDE_M = 1200;

/** The map's visible rectangle (capped at MAX_AREA_SIDE_M around its centre). */
export function visibleArea(ctx: AnalysisContext): ScenarioArea {
  const r =
    ctx.viewer.camera.computeViewRectangle() ??
    Rectangle.fromDegrees(ctx.manifest.home.lon - 0.005, ctx.manifest.home.lat - 0.004, ctx.manifest.home.lon + 0.005, ctx.manifest.home.lat + 0.004);
  const area = {
    west: CesiumMath.toDegrees(r.west),
    south: CesiumMath.toDegrees(r.south),
    east: CesiumMath.toDegrees(r.east),
    north: CesiumMath.toDegrees(r.north),
  };
  return capArea(area);
}

export function capArea(a: ScenarioArea): ScenarioArea {
  const cLon = (a.west + a.east) / 2,
    cLat = (a.south + a.north) / 2;
  const halfLat = Math.min((a.north - a.south) / 2, MAX_AREA_SIDE_M / 2 / 111_000);
  const halfLon = Math.min((a.east - a.west) / 2, MAX_AREA_SIDE_M / 2 / (111_000 * Math.cos((cLat * Math.PI) / 180)));
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  return { west: r6(cLon - halfLon), south: r6(cLat - halfLat), east: r6(cLon + halfLon), north: r6(cLat + halfLat) };
}

/** Lets the user draw a rectangle with two clicks; resolves with it (or null when replaced). */
export function drawRectangle(ctx: AnalysisContext, owner: string, hint: HTMLElement): Promise<ScenarioArea | null> {
  return new Promise((resolve) => {
    let first: [number, number] | null = null;
    let marker: Entity | null = null;
    const removeMarker = () => {
      if (marker) ctx.viewer.entities.remove(marker);
      marker = null;
    };
    ctx.input.capture(owner, {
      click(p) {
        if (!first) {
          first = [p.lon, p.lat];
          marker = ctx.viewer.entities.add({ position: Cartesian3.fromDegrees(p.lon, p.lat, p.height + 1), point: { pixelSize: 7, color: Color.CYAN } });
          ctx.viewer.scene.requestRender();
          return;
        }
        ctx.input.release(owner);
        removeMarker();
        hint.textContent = '';
        resolve(
          capArea({ west: Math.min(first[0], p.lon), east: Math.max(first[0], p.lon), south: Math.min(first[1], p.lat), north: Math.max(first[1], p.lat) }),
        );
      },
      cancelled() {
        removeMarker();
        hint.textContent = '';
        resolve(null);
      },
    });
    // After capture(): taking over from an earlier drawing clears the hint first.
    hint.textContent = analysisText('drawRectHint');
  });
}
