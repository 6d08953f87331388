// The content files of a 3D Tiles 1.1 tileset and the world (ECEF) transform of each, composed
// down the tree as the 3D Tiles spec does. Analyses need the finest complete geometry, not a
// camera-dependent selection: with refine ADD (what tiles/tileset writes) every content is part of
// the city; under REPLACE only the deepest contents are kept.
export interface TileContent {
  /** Absolute URL of the content (GLB). */
  url: string;
  /** Column-major 4x4, tile frame -> ECEF. */
  world: number[];
  /** The tile's bounding region [west, south, east, north] in degrees, when it has one. */
  region?: [number, number, number, number];
}

interface TileJson {
  boundingVolume?: { region?: number[] };
  transform?: number[];
  refine?: 'ADD' | 'REPLACE' | 'add' | 'replace';
  content?: { uri?: string; url?: string };
  children?: TileJson[];
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** Column-major a * b. */
export function mat4Multiply(a: readonly number[], b: readonly number[]): number[] {
  const o = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) o[c * 4 + r] += a[k * 4 + r] * b[c * 4 + k];
  return o;
}

export function tilesetContents(tileset: { root?: TileJson }, tilesetUrl: string): TileContent[] {
  if (!tileset.root) throw new Error(`${tilesetUrl}: tileset has no root tile`);
  const out: TileContent[] = [];
  const walk = (tile: TileJson, parent: number[], parentRefine: string): void => {
    if (tile.transform && tile.transform.length !== 16) throw new Error(`${tilesetUrl}: a tile transform has ${tile.transform.length} values, not 16`);
    const world = tile.transform ? mat4Multiply(parent, tile.transform) : parent;
    const refine = (tile.refine ?? parentRefine).toUpperCase();
    const uri = tile.content?.uri ?? tile.content?.url;
    const children = tile.children ?? [];
    if (uri && (refine === 'ADD' || children.length === 0)) {
      if (!/\.glb($|\?)/i.test(uri)) throw new Error(`${tilesetUrl}: content ${uri} is not a GLB (only GLB contents are read for analyses)`);
      const r = tile.boundingVolume?.region;
      const DEG = 180 / Math.PI;
      out.push({ url: new URL(uri, tilesetUrl).href, world, region: r && r.length >= 4 ? [r[0] * DEG, r[1] * DEG, r[2] * DEG, r[3] * DEG] : undefined });
    }
    for (const c of children) walk(c, world, refine);
  };
  walk(tileset.root, IDENTITY, tileset.root.refine ?? 'REPLACE');
  return out;
}
