// Sets of tiles of one level as rectangles of tile indices, the shape Cesium's layer.json
// `available` uses: the terrain writer lists its tiles this way, the ground-imagery writer lists the
// PNG tiles it wrote, and the renderer asks "is there a file for this tile?" without a request.

/** Inclusive index ranges of one level's tiles. */
export interface TileRange {
  startX: number;
  endX: number;
  startY: number;
  endY: number;
}

/**
 * Non-overlapping rectangles covering exactly the given tiles (x, y pairs of one level): runs along
 * each row, then equal runs of consecutive rows merged. Order of the input does not matter.
 */
export function rangesOfTiles(tiles: Iterable<readonly [number, number]>): TileRange[] {
  const rows = new Map<number, number[]>();
  for (const [x, y] of tiles) {
    let xs = rows.get(y);
    if (!xs) rows.set(y, (xs = []));
    xs.push(x);
  }
  const open = new Map<string, TileRange>(); // "startX:endX" -> range still growing northwards
  const done: TileRange[] = [];
  for (const y of [...rows.keys()].sort((a, b) => a - b)) {
    const xs = [...new Set(rows.get(y))].sort((a, b) => a - b);
    const runs: [number, number][] = [];
    for (const x of xs) {
      const last = runs[runs.length - 1];
      if (last && x === last[1] + 1) last[1] = x;
      else runs.push([x, x]);
    }
    const next = new Map<string, TileRange>();
    for (const [startX, endX] of runs) {
      const key = `${startX}:${endX}`;
      const growing = open.get(key);
      if (growing && growing.endY === y - 1) {
        growing.endY = y;
        next.set(key, growing);
        open.delete(key);
      } else next.set(key, { startX, endX, startY: y, endY: y });
    }
    done.push(...open.values());
    open.clear();
    for (const [k, r] of next) open.set(k, r);
  }
  done.push(...open.values());
  return done.sort((a, b) => a.startY - b.startY || a.startX - b.startX);
}

export function inRanges(ranges: readonly TileRange[] | undefined, x: number, y: number): boolean {
  return !!ranges?.some((r) => x >= r.startX && x <= r.endX && y >= r.startY && y <= r.endY);
}

export function tilesInRanges(ranges: readonly TileRange[]): number {
  return ranges.reduce((n, r) => n + (r.endX - r.startX + 1) * (r.endY - r.startY + 1), 0);
}
