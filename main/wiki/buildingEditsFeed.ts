// The wiki's building edits as a live feed (BUILDING_EDITS_FEED, common/buildingEdits.ts): every
// open page gets the edits in force on connecting, then, within the publisher's burst window, the
// buildings whose edits an approval, a revert or an import changed — so an approved edit shows at
// once in every running app, and a revert takes it back. Served at /api/feeds/building-edits by the
// host that holds the store (createFeedRoutes), like every other feed.
import { BUILDING_EDITS_FEED, editsByBuilding, type BuildingEditsSnapshot, type BuildingEditsUpdate } from '../../common/buildingEdits.js';
import { approvedBuildingEdits } from '../../tiles/model/citizenEdits.js';
import { FeedPublisher, type FeedListener, type LiveFeed } from '../feeds/liveFeed.js';
import type { WikiStore } from './store.js';

export class BuildingEditsFeed implements LiveFeed<BuildingEditsSnapshot, BuildingEditsUpdate> {
  readonly definition = BUILDING_EDITS_FEED;
  private readonly publisher = new FeedPublisher<BuildingEditsSnapshot, BuildingEditsUpdate>(this);
  private readonly changedIds = new Set<string>();
  private everything = false;
  private stopped = false;

  constructor(private readonly store: WikiStore) {}

  /** The store is the source: nothing to start. */
  start(): void {}

  /** Sends what is pending; the store may close after this. */
  stop(): void {
    this.publisher.flush();
    this.stopped = true;
  }

  snapshot(): BuildingEditsSnapshot {
    return { edits: approvedBuildingEdits(this.store.db) };
  }

  subscribe(listener: FeedListener<BuildingEditsSnapshot, BuildingEditsUpdate>): () => void {
    return this.publisher.subscribe(listener);
  }

  /** The wiki feature of a building changed (an approval or a revert committed). */
  changed(buildingId: string): void {
    if (this.stopped) return;
    this.changedIds.add(buildingId);
    this.publisher.changed();
  }

  /** Many buildings may have changed (an import): the next update carries every building with edits. */
  changedAll(): void {
    if (this.stopped) return;
    this.everything = true;
    this.publisher.changed();
  }

  takeUpdate(): BuildingEditsUpdate {
    const ids = [...this.changedIds];
    this.changedIds.clear();
    if (this.everything) {
      this.everything = false;
      const all = editsByBuilding(approvedBuildingEdits(this.store.db));
      for (const id of ids) if (!all.has(id)) all.set(id, []);
      return { buildings: [...all].map(([buildingId, edits]) => ({ buildingId, edits })) };
    }
    return { buildings: ids.map((buildingId) => ({ buildingId, edits: approvedBuildingEdits(this.store.db, buildingId) })) };
  }
}
