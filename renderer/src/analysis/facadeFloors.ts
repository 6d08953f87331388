// Facade results on the map: every floor of every facade of a declared facades run (its `floors`
// table: a row per floor, a lon/lat line along the wall with the floor's bottom and top as the
// row's geometry) as a coloured wall strip (sunlight hours, failing right-to-light floors outlined
// in red), with its values shown on click.
import { Cartesian3, Color, ColorMaterialProperty, Entity, type CesiumWidget } from 'cesium';
import type { ColourRampSpec } from '../../../common/analyses/analysisSpec.js';
import { rampColour } from '../../../common/analyses/colourRamps.js';
import type { ResultTable } from '../../../workers/analyses/declaredRun.js';
import { toLonLat, toXY } from '../../../workers/planning/proposalGeometry.js';
import { runAnalysis } from './analysisClient.js';

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
export async function drawFacadeFloors(viewer: CesiumWidget, floors: ResultTable, ramp: ColourRampSpec): Promise<void> {
  clearFacadeFloors(viewer);
  const lonLat: number[] = [];
  const strips = floors.rows.map((row, i) => {
    const feature = floors.features?.[i];
    const [p0, p1] = (feature?.geometry?.coordinates ?? []) as Array<[number, number]>;
    // Drawn 0.5 m in front of the wall (along its outward normal, a grid azimuth) so the building does not hide it.
    const t = (Number(row.facing) * Math.PI) / 180;
    const dx = 0.5 * Math.sin(t),
      dy = 0.5 * Math.cos(t);
    const [x0, y0] = toXY(p0),
      [x1, y1] = toXY(p1);
    const a = toLonLat([x0 + dx, y0 + dy]),
      b = toLonLat([x1 + dx, y1 + dy]);
    lonLat.push(a[0], a[1]);
    return {
      a,
      b,
      bottom: Number(feature?.properties?.zBottom),
      top: Number(feature?.properties?.zTop),
      hours: Number(row.hours),
      pass: row.rightToLight === true,
    };
  });
  const n = strips.length ? await runAnalysis('geoidHeights', { lonLat }) : new Float64Array();
  const entities = viewer.entities;
  entities.suspendEvents();
  strips.forEach((f, i) => {
    const [r, g, bl] = rampColour(ramp, f.hours);
    const colour = f.pass ? new Color(r / 255, g / 255, bl / 255, 0.95) : Color.fromBytes(r, g, bl, 255).withAlpha(0.95);
    // A small inset of each floor's top and bottom keeps neighbouring floors visibly apart.
    entities.add(
      new Entity({
        id: `${PREFIX}${i}`,
        wall: {
          positions: Cartesian3.fromDegreesArray([f.a[0], f.a[1], f.b[0], f.b[1]]),
          minimumHeights: [f.bottom + n[i] + 0.15, f.bottom + n[i] + 0.15],
          maximumHeights: [f.top + n[i] - 0.15, f.top + n[i] - 0.15],
          material: new ColorMaterialProperty(colour),
          outline: !f.pass,
          outlineColor: Color.RED,
        },
      }),
    );
  });
  entities.resumeEvents();
  viewer.scene.requestRender();
}
