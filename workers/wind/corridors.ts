// Wind corridors: connected paths of high pedestrian-level wind through a district. A corridor is
// an 8-connected component of cells at or above `threshold` (speed ratio) that touches at least two
// different sides of the area, i.e. air can run through the district along it.

export type AreaSide = 'north' | 'south' | 'east' | 'west';

export interface Corridor {
  /** Component id as written into the corridor raster (1, 2, ...). */
  id: number;
  cells: number;
  meanRatio: number;
  sides: AreaSide[];
}

/**
 * `ratio`: width * height values (row 0 = north), NaN or `noData` where there is no pedestrian
 * level. Returns the corridor id per cell (0 = not a corridor) and the corridors, largest first.
 */
export function findCorridors(
  ratio: Float32Array,
  width: number,
  height: number,
  threshold: number,
  noData: number,
  minCells = 4,
): { label: Int32Array; corridors: Corridor[] } {
  const comp = new Int32Array(width * height).fill(-1);
  const stack: number[] = [];
  const found: { cells: number[]; sum: number; sides: Set<AreaSide> }[] = [];
  const high = (i: number) => ratio[i] !== noData && ratio[i] >= threshold;
  for (let start = 0; start < comp.length; start++) {
    if (comp[start] !== -1 || !high(start)) continue;
    const c = { cells: [] as number[], sum: 0, sides: new Set<AreaSide>() };
    comp[start] = found.length;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      c.cells.push(i);
      c.sum += ratio[i];
      const x = i % width;
      const y = (i - x) / width;
      if (y === 0) c.sides.add('north');
      if (y === height - 1) c.sides.add('south');
      if (x === 0) c.sides.add('west');
      if (x === width - 1) c.sides.add('east');
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if ((dx || dy) && xx >= 0 && yy >= 0 && xx < width && yy < height) {
            const j = yy * width + xx;
            if (comp[j] === -1 && high(j)) {
              comp[j] = found.length;
              stack.push(j);
            }
          }
        }
      }
    }
    found.push(c);
  }
  const label = new Int32Array(width * height);
  const corridors: Corridor[] = [];
  const order = found.map((_, i) => i).sort((a, b) => found[b].cells.length - found[a].cells.length);
  for (const k of order) {
    const c = found[k];
    if (c.sides.size < 2 || c.cells.length < minCells) continue;
    const id = corridors.length + 1;
    for (const i of c.cells) label[i] = id;
    corridors.push({ id, cells: c.cells.length, meanRatio: c.sum / c.cells.length, sides: [...c.sides].sort() });
  }
  return { label, corridors };
}
