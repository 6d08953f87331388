// Proposals on the map as Cesium entities: boxes and polygons as extruded polygons standing on the
// terrain (the footprint the engines burn in: workers/planning/proposalGeometry.ts), glTF models at
// their point. Redrawn whenever the scenario changes.
import {
  Cartesian3,
  Color,
  ColorMaterialProperty,
  ConstantProperty,
  Entity,
  HeadingPitchRoll,
  HeightReference,
  PolygonHierarchy,
  Transforms,
  Math as CesiumMath,
  type CesiumWidget,
} from 'cesium';
import { proposalHeight, type Proposal } from '../../../common/scenario/scenarioFormat.js';
import { proposalRing, toLonLat } from '../../../workers/planning/proposalGeometry.js';
import type { Destroyable } from '../lifetime.js';
import type { PlanningStore } from './planningStore.js';

const FILL = Color.fromCssColorString('#ff9f43').withAlpha(0.75);
const SELECTED = Color.fromCssColorString('#ffd23f').withAlpha(0.9);
export const ENTITY_PREFIX = 'proposal:';

export function proposalIdOf(picked: unknown): string | null {
  const entity = (picked as { id?: unknown } | undefined)?.id;
  if (entity instanceof Entity && entity.id.startsWith(ENTITY_PREFIX)) return entity.id.slice(ENTITY_PREFIX.length);
  return null;
}

function entityFor(p: Proposal, store: PlanningStore, selected: boolean): Entity | null {
  const id = `${ENTITY_PREFIX}${p.id}`;
  if (p.kind === 'gltf') {
    // A scenario file names the model relative to itself, which the page cannot read: such a model
    // shows once the user places its file again (the Plan tab says so); URLs load as they are.
    const uri = store.modelUrls.get(p.id) ?? (/^https?:/i.test(p.uri) ? p.uri : null);
    if (!uri) return null;
    const position = Cartesian3.fromDegrees(p.position[0], p.position[1]);
    const orientation = Transforms.headingPitchRollQuaternion(position, new HeadingPitchRoll(CesiumMath.toRadians(p.rotation ?? 0), 0, 0));
    return new Entity({
      id,
      name: p.name ?? p.id,
      position,
      orientation: new ConstantProperty(orientation),
      model: { uri, scale: p.scale ?? 1, heightReference: HeightReference.CLAMP_TO_GROUND, silhouetteColor: SELECTED, silhouetteSize: selected ? 2 : 0 },
    });
  }
  const ring = proposalRing(p).map((xy) => toLonLat(xy));
  return new Entity({
    id,
    name: p.name ?? p.id,
    polygon: {
      hierarchy: new PolygonHierarchy(Cartesian3.fromDegreesArray(ring.flat())),
      height: 0,
      heightReference: HeightReference.RELATIVE_TO_GROUND,
      extrudedHeight: proposalHeight(p),
      extrudedHeightReference: HeightReference.RELATIVE_TO_GROUND,
      material: new ColorMaterialProperty(selected ? SELECTED : FILL),
    },
  });
}

/** Keeps the entities in step with the store until destroyed (which removes them). */
export function drawProposals(viewer: CesiumWidget, store: PlanningStore, onProblem: (line: string) => void): Destroyable {
  const clear = () => {
    for (const e of viewer.entities.values.slice()) if (e.id.startsWith(ENTITY_PREFIX)) viewer.entities.remove(e);
  };
  const render = () => {
    const entities = viewer.entities;
    entities.suspendEvents();
    clear();
    for (const p of store.proposals) {
      try {
        const e = entityFor(p, store, p.id === store.selectedId);
        if (e) entities.add(e);
      } catch (err) {
        onProblem(`${p.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    entities.resumeEvents();
    viewer.scene.requestRender();
  };
  const offStore = store.onChange(render);
  render();
  return {
    destroy() {
      offStore();
      clear();
      viewer.scene.requestRender();
    },
  };
}
