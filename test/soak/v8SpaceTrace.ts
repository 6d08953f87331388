// The page's V8 heap split by space, read from V8's own GC trace (--js-flags=--trace-gc-verbose,
// printed by the renderer on stderr after every collection). The soak needs it because the JS heap
// figure DevTools gives (Performance.getMetrics) includes compiled code and bytecode, which V8 keeps
// adding while it tiers up the tour's functions over many loops: heap snapshots of a 12-minute run
// (SOAK_HEAP_SNAPSHOTS=1) showed the heap's growth after the warm-up was almost all "(code)", with the
// JS objects flat. Nothing in DevTools or the page reports the per-space split, so it is read here.

/** Spaces that hold compiled code and bytecode (V8 keeps bytecode in the trusted spaces). */
const CODE_SPACE = /code|trusted/i;
const SPACE_LINE = /^\[(\d+):(0x[0-9a-f]+)\]\s+([A-Za-z -]+ space),\s+used:\s+(\d+) KB/;

export interface SpaceSplit {
  /** All spaces but the shared read-only one (what DevTools calls the used JS heap), MB. */
  totalMB: number;
  /** Code and trusted spaces, MB. */
  codeMB: number;
  /** The rest: the JS objects, MB. */
  objectsMB: number;
}

export class V8SpaceTrace {
  /** Latest used KB per space, per isolate (renderer pid and isolate address). */
  private readonly isolates = new Map<string, Map<string, number>>();

  /** Feeds one line of the browser's stderr. */
  line(text: string): void {
    const m = SPACE_LINE.exec(text);
    if (!m || m[3].startsWith('Read-only')) return;
    const key = `${m[1]}:${m[2]}`;
    let spaces = this.isolates.get(key);
    if (!spaces) this.isolates.set(key, (spaces = new Map()));
    spaces.set(m[3], Number(m[4]));
  }

  /**
   * The split of the isolate whose heap is closest to `usedMB` (the page's main isolate, measured
   * by DevTools right after a forced collection), or null when no isolate is within `toleranceMB`.
   */
  split(usedMB: number, toleranceMB = 2): SpaceSplit | null {
    let best: SpaceSplit | null = null;
    for (const spaces of this.isolates.values()) {
      let total = 0;
      let code = 0;
      for (const [name, kb] of spaces) {
        total += kb / 1024;
        if (CODE_SPACE.test(name)) code += kb / 1024;
      }
      if (!best || Math.abs(total - usedMB) < Math.abs(best.totalMB - usedMB)) best = { totalMB: total, codeMB: code, objectsMB: total - code };
    }
    return best && Math.abs(best.totalMB - usedMB) <= toleranceMB ? best : null;
  }
}
