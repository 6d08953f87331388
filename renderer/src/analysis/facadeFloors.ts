// Facade results on the map: every floor of every facade as a coloured wall strip (sunlight hours,
// failing right-to-light floors outlined in red by colour), with its values shown on click.
import { Cartesian3, Color, ColorMaterialProperty, Entity, type CesiumWidget } from 'cesium';
import type { FacadeFloor } from '../../../workers/sun/facadeSun.js';
import { toLonLat } from '../../../workers/planning/proposalGeometry.js';
import { runAnalysis } from './analysisClient.js';
import { rampColour, type ColourRamp } from './colourRamp.js';

const PREFIX = 'facade-floor:';

export function facadeFloorIndexOf(picked: unknown): number | null {
  const entity = (picked as { id?: unknown } | undefined)?.id;
  if (entity instanceof Entity && entity.id.startsWith(PREFIX)) return Number(entity.id.slice(PREFIX.length));
  return null;
}

export function clearFacadeFloors(viewer: CesiumWidget): void {
  for (const e of viewer.entities.values.slice()) if (e.id.startsWith(PREFIX)) viewer.entities.remove(e);
  viewer.scene.requestRender();
}

/** Draws the floors (heights converted from orthometric to ellipsoidal with EGM96 in the worker). */
export async function drawFacadeFloors(viewer: CesiumWidget, floors: FacadeFloor[], ramp: ColourRamp): Promise<void> {
  clearFacadeFloors(viewer);
  const lonLat: number[] = [];
  const ends = floors.map((f) => {
    // Drawn 0.5 m in front of the wall (along its outward normal) so the building does not hide it.
    const t = (f.facing * Math.PI) / 180;
    const dx = 0.5 * Math.sin(t),
      dy = 0.5 * Math.cos(t);
    const a = toLonLat([f.x0 + dx, f.y0 + dy]),
      b = toLonLat([f.x1 + dx, f.y1 + dy]);
    lonLat.push(a[0], a[1]);
    return [a, b] as const;
  });
  const n = floors.length ? await runAnalysis('geoidHeights', { lonLat }) : new Float64Array();
  const entities = viewer.entities;
  entities.suspendEvents();
  floors.forEach((f, i) => {
    const [a, b] = ends[i];
    const [r, g, bl] = rampColour(ramp, f.hours);
    const colour = f.rightToLight.pass ? new Color(r / 255, g / 255, bl / 255, 0.95) : Color.fromBytes(r, g, bl, 255).withAlpha(0.95);
    // A small inset of each floor's top and bottom keeps neighbouring floors visibly apart.
    entities.add(
      new Entity({
        id: `${PREFIX}${i}`,
        wall: {
          positions: Cartesian3.fromDegreesArray([a[0], a[1], b[0], b[1]]),
          minimumHeights: [f.zBottom + n[i] + 0.15, f.zBottom + n[i] + 0.15],
          maximumHeights: [f.zTop + n[i] - 0.15, f.zTop + n[i] - 0.15],
          material: new ColorMaterialProperty(colour),
          outline: !f.rightToLight.pass,
          outlineColor: Color.RED,
        },
      }),
    );
  });
  entities.resumeEvents();
  viewer.scene.requestRender();
}
