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
