// Buildings drawn at a height their tile does not have: an approved citizen edit of the floors,
// shown before the next city build bakes it into the tiles (or one reverted since that build).
//
// Why an overlay: a 3D Tiles feature's geometry is fixed in its tile's GLB. Cesium's tileset styles
// change a feature's colour and whether it shows, never its shape, and a custom shader cannot
// reach the per-feature property tables the height would come from. So the edited building's tile
// feature is hidden through the style (buildingStyle.ts, `show`) and the building is drawn here
// instead: its footprint (analysis/footprints.json, the outer ring the analyses use) extruded from
// its base to the edited height, in its height source's colour. Picking it selects the building as
// picking its tile feature would (buildingOf).
import { Cartesian3, Color, ColorMaterialProperty, Entity, PolygonHierarchy, ShadowMode, type CesiumWidget } from 'cesium';
import type { Destroyable } from '../lifetime.js';

const ENTITY_PREFIX = 'citizen-edit:';

export interface EditOverlay {
  buildingId: string;
  /** Bottom and top above the ellipsoid, metres (the tile's base elevation plus min height and height). */
  bottom: number;
  top: number;
  /** CSS colour. */
  colour: string;
}

export class EditOverlays implements Destroyable {
  private readonly drawn = new Map<string, { entity: Entity; overlay: EditOverlay }>();

  constructor(private readonly viewer: CesiumWidget) {}

  /** The building id of a pick of an overlay, else null. */
  static buildingIdOf(picked: unknown): string | null {
    const entity = (picked as { id?: unknown } | undefined)?.id;
    return entity instanceof Entity && entity.id.startsWith(ENTITY_PREFIX) ? entity.id.slice(ENTITY_PREFIX.length) : null;
  }

  has(buildingId: string): boolean {
    return this.drawn.has(buildingId);
  }

  get(buildingId: string): EditOverlay | null {
    return this.drawn.get(buildingId)?.overlay ?? null;
  }

  list(): EditOverlay[] {
    return [...this.drawn.values()].map((d) => d.overlay);
  }

  /** Draws a building's overlay, or changes the one drawn. `ring`: lon, lat pairs of its footprint. */
  draw(overlay: EditOverlay, ring: readonly number[]): void {
    const old = this.drawn.get(overlay.buildingId);
    if (old && old.overlay.bottom === overlay.bottom && old.overlay.top === overlay.top) {
      if (old.overlay.colour !== overlay.colour) {
        old.entity.polygon!.material = new ColorMaterialProperty(Color.fromCssColorString(overlay.colour));
        old.overlay = overlay;
      }
    } else {
      this.remove(overlay.buildingId);
      const entity = this.viewer.entities.add(
        new Entity({
          id: `${ENTITY_PREFIX}${overlay.buildingId}`,
          polygon: {
            hierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray([...ring])),
            // Absolute heights above the ellipsoid, as the tileset's base elevations are.
            height: overlay.bottom,
            extrudedHeight: overlay.top,
            material: new ColorMaterialProperty(Color.fromCssColorString(overlay.colour)),
            shadows: ShadowMode.ENABLED,
          },
        }),
      );
      this.drawn.set(overlay.buildingId, { entity, overlay });
    }
    this.viewer.scene.requestRender();
  }

  remove(buildingId: string): void {
    const old = this.drawn.get(buildingId);
    if (!old) return;
    this.viewer.entities.remove(old.entity);
    this.drawn.delete(buildingId);
    this.viewer.scene.requestRender();
  }

  /** Shown while the buildings layer is. */
  setShow(show: boolean): void {
    for (const { entity } of this.drawn.values()) if (entity.show !== show) entity.show = show;
  }

  destroy(): void {
    for (const id of [...this.drawn.keys()]) this.remove(id);
  }
}
