// window.__vseoulWiki: a read-only view of the wiki UI's state for end-to-end tests. DOM-free so
// the Node-side tests can import the type.
export interface WikiTestHook {
  /** True after the first load of the wiki's features (or its failure). */
  readonly loaded: boolean;
  readonly user: { name: string; role: string } | null;
  /** Markers drawn on the globe. */
  readonly markers: ReadonlyArray<{ id: string; label: string; pending: boolean; lon: number; lat: number }>;
}

export interface WithWikiTestHook {
  __vseoulWiki?: WikiTestHook;
}

/** window.__vseoulBuildingEdits: approved citizen edits as the page shows them (renderer/src/wiki/buildingEditsLayer.ts). */
export interface BuildingEditsTestHook {
  /** True once the building-edits feed's snapshot came and while its stream is open. */
  readonly connected: boolean;
  /** Edits in force (one per field of a building). */
  readonly edits: number;
  /** A building the page watches (edited since the page opened or the build), as shown and as its tile has it; null for others. */
  building(id: string): {
    name: string;
    use: string;
    floors: number;
    height: number;
    heightSource: string;
    tileHeight: number;
    /** The overlay drawing it at the edited height (ellipsoid heights, CSS colour), or null when its tile feature shows. */
    overlay: { bottom: number; top: number; colour: string } | null;
  } | null;
}

export interface WithBuildingEditsTestHook {
  __vseoulBuildingEdits?: BuildingEditsTestHook;
}
