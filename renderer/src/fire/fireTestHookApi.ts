// window.__vseoulFire: a read-only view of the fire layers for end-to-end tests. DOM-free so the
// Node-side tests can import the type.
export interface FireTestHook {
  readonly counts: Record<string, number>;
  readonly stats: Record<string, { mode: string; drawn: number; represented: number }>;
  readonly selectedFacility: { layerId: string; index: number } | null;
  readonly coverage: { covered: number; gaps: number; buildings: number; seconds: number } | null;
  readonly coverageError: string | null;
  /** Window position (CSS px) of a drawn facility point, or null when not drawn / off screen. */
  pointWindowPosition(layerId: string, index: number): { x: number; y: number } | null;
  /** Indices of the facilities drawn individually for a layer. */
  drawnIndices(layerId: string): number[];
}
