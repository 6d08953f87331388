// Approved citizen edits in the running page: the wiki's building-edits feed (pushed by the host
// the moment a moderator approves or reverts an edit, common/buildingEdits.ts) applied to the
// buildings on the map with the same function the city build applies them with, so the page shows
// now what the next build will bake in. The panel shows the edited name, use, floors and height
// with who approved each edit and when; the colour follows the height source; an edited height is
// drawn by an overlay (editOverlays.ts says why). A revert takes all of it back, also for an edit a
// build has already baked in (the tile keeps the attributes from before it, and the manifest lists
// such buildings).
import type { Cesium3DTile, Cesium3DTileFeature, Cesium3DTileset, CesiumWidget } from 'cesium';
import type { BuildingProperties, CityManifest } from '../../../common/buildFormat.js';
import { applyBuildingEdits, BUILDING_EDITS_FEED, editsByBuilding, type ApprovedBuildingEdit } from '../../../common/buildingEdits.js';
import { openCityData } from '../../../workers/data/cityData.js';
import { readBuildingProperties, type BuildingInfoPanel } from '../buildingInfo.js';
import { buildingColour, buildingStyle, setBuildingEditOverrides } from '../buildingStyle.js';
import { connectFeed } from '../feeds/feedClient.js';
import { Disposer, type Destroyable } from '../lifetime.js';
import { installWindowHook } from '../windowHook.js';
import { EditOverlays } from './editOverlays.js';
import type { BuildingEditsTestHook } from './wikiTestHookApi.js';

export interface BuildingEditsHost {
  viewer: CesiumWidget;
  manifest: CityManifest;
  cityBaseUrl: string;
  tileset: Cesium3DTileset;
  buildingInfo: Pick<BuildingInfoPanel, 'addAttributeLayer' | 'selected' | 'refresh'>;
  /** After the edits of some building changed while the page was open (the wiki section reloads). */
  onEditsChanged(): void;
}

/** Every loaded tile of the tileset, root first. */
function* loadedTiles(tile: Cesium3DTile | undefined): Generator<Cesium3DTile> {
  if (!tile) return;
  if ((tile.content?.featuresLength ?? 0) > 0) yield tile;
  for (const child of tile.children) yield* loadedTiles(child);
}

export function setUpBuildingEdits(host: BuildingEditsHost): Destroyable {
  const life = new Disposer();
  const { viewer, tileset } = host;
  const overlays = life.add(new EditOverlays(viewer));
  /** The edits in force, by building; empty until the feed's first snapshot. */
  let current = new Map<string, ApprovedBuildingEdit[]>();
  let received = false;
  /** Buildings whose edits changed since the page opened or the build baked in, and that show differently for it. */
  const watched = new Set<string>(host.manifest.citizenEdits?.buildings ?? []);
  /** Watched buildings as their tiles have them. */
  const built = new Map<string, BuildingProperties>();
  /** Watched buildings as the page shows them. */
  const shown = new Map<string, BuildingProperties>();
  let selectedId: string | null = host.buildingInfo.selected()?.id ?? null;

  const withEdits = (b: BuildingProperties) => (received ? applyBuildingEdits(b, current.get(b.id) ?? []).building : b);

  let footprints: Promise<Map<string, number[]>> | null = null;
  const footprintOf = async (id: string): Promise<number[] | null> => {
    footprints ??= openCityData(host.cityBaseUrl)
      .footprints()
      .then((file) => {
        const rings = new Map<string, number[]>();
        file?.ids.forEach((fid, i) => rings.set(fid, file.lonLat.slice(2 * file.offsets[i], 2 * file.offsets[i + 1])));
        return rings;
      });
    return (await footprints).get(id) ?? null;
  };

  const overlayFor = (id: string): Promise<void> => {
    const b = built.get(id);
    const s = shown.get(id);
    if (!b || !s || (s.height === b.height && s.minHeight === b.minHeight)) {
      overlays.remove(id);
      return Promise.resolve();
    }
    const overlay = {
      buildingId: id,
      bottom: b.baseElevation + s.minHeight,
      top: b.baseElevation + s.height,
      colour: buildingColour(id, s.heightSource, selectedId),
    };
    return footprintOf(id).then(
      (ring) => {
        // Without a footprint the tile's building stays, in the edit's colour, at its old height.
        if (ring && !life.destroyed && shown.get(id) === s) overlays.draw(overlay, ring);
      },
      (err: unknown) => console.warn(`citizen edit of ${id}: no footprint to draw it with (${(err as Error).message})`),
    );
  };

  let drawing: Promise<unknown> = Promise.resolve();
  const restyle = () => {
    tileset.style = buildingStyle(selectedId);
    viewer.scene.requestRender();
  };
  /** Recomputes the watched buildings among `ids` whose tiles have been seen, and redraws. */
  const update = (ids: Iterable<string>) => {
    const changed = [...ids].filter((id) => built.has(id));
    if (!changed.length) return;
    for (const id of changed) shown.set(id, withEdits(built.get(id)!));
    // One at a time, in order: a later state of a building is never overtaken by an earlier one.
    drawing = drawing.then(() => Promise.all(changed.map(overlayFor)));
    restyle();
    host.buildingInfo.refresh();
  };

  /** Finds watched buildings in the given tiles (all loaded ones by default). */
  const scan = (tiles: Iterable<Cesium3DTile>, only?: ReadonlySet<string>) => {
    const found: string[] = [];
    for (const tile of tiles) {
      const content = tile.content;
      for (let i = 0; i < content.featuresLength; i++) {
        const feature = content.getFeature(i) as Cesium3DTileFeature;
        const id = String(feature.getProperty('id') ?? '');
        if (watched.has(id) && (!only || only.has(id))) {
          built.set(id, readBuildingProperties(feature));
          found.push(id);
        }
      }
    }
    return found;
  };
  const watch = (ids: Iterable<string>) => {
    const fresh = new Set([...ids].filter((id) => !watched.has(id)));
    for (const id of fresh) watched.add(id);
    if (fresh.size) scan(loadedTiles(tileset.root), fresh);
  };

  const feed = connectFeed(BUILDING_EDITS_FEED, new URL('/', location.href).href);
  life.add(() => feed.destroy());
  life.add(
    feed.subscribe((event) => {
      if (event.type === 'disconnected') return;
      const before = current;
      // The feed client folds every update into its snapshot with the feed's own apply.
      current = editsByBuilding(feed.current?.edits ?? []);
      received = true;
      const touched = event.type === 'snapshot' ? new Set([...before.keys(), ...current.keys()]) : new Set(event.buildings.map((b) => b.buildingId));
      watch(touched);
      update(event.type === 'snapshot' ? watched : touched);
      if (event.type === 'update') host.onEditsChanged();
    }),
  );
  life.add(
    tileset.tileLoad.addEventListener((tile: Cesium3DTile) => {
      const found = scan([tile]);
      if (found.length) update(found);
    }),
  );
  scan(loadedTiles(tileset.root));

  setBuildingEditOverrides({
    heightSource: (id) => {
      const s = shown.get(id);
      return s && s.heightSource !== built.get(id)?.heightSource ? s.heightSource : undefined;
    },
    hidden: (id) => overlays.has(id),
  });
  life.add(() => {
    setBuildingEditOverrides(null);
    if (!tileset.isDestroyed()) tileset.style = buildingStyle(selectedId);
  });
  // Overlays show while the buildings do (the layer list switches the tileset).
  life.add(viewer.scene.preRender.addEventListener(() => overlays.setShow(tileset.show)));

  life.add(
    host.buildingInfo.addAttributeLayer({
      shown: withEdits,
      buildingOf: (picked) => {
        const id = EditOverlays.buildingIdOf(picked);
        return id === null ? null : (built.get(id) ?? null);
      },
      onSelect: (id) => {
        selectedId = id;
        for (const o of overlays.list()) void overlayFor(o.buildingId);
      },
    }),
  );

  const hook: BuildingEditsTestHook = {
    get connected() {
      return received && feed.connected;
    },
    get edits() {
      return [...current.values()].flat().length;
    },
    building(id) {
      const b = built.get(id);
      if (!b) return null;
      const s = shown.get(id) ?? b;
      return { name: s.name, use: s.use, floors: s.floors, height: s.height, heightSource: s.heightSource, tileHeight: b.height, overlay: overlays.get(id) };
    },
  };
  life.add(installWindowHook('__vseoulBuildingEdits', hook));
  return { destroy: () => life.destroy() };
}
