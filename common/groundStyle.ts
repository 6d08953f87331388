// How each ground layer looks, shared by the build (which draws the layers into imagery tiles) and
// the renderer (which drapes the GeoJSON of builds made before the tiles existed), so both agree.

export interface GroundStyle {
  /** CSS hex colour of polygon fills, or null for layers drawn as lines only. */
  fill: string | null;
  fillAlpha: number;
  line: string;
  lineAlpha: number;
  /** Line width in screen (or tile) pixels. */
  lineWidth: number;
  /** Draw polygon outlines as lines (district boundaries) instead of fills. */
  outlinePolygons: boolean;
}

export const GROUND_STYLES: Record<string, GroundStyle> = {
  water: { fill: '#2f7fd0', fillAlpha: 0.8, line: '#2f7fd0', lineAlpha: 1, lineWidth: 3, outlinePolygons: false },
  waterways: { fill: null, fillAlpha: 1, line: '#2f7fd0', lineAlpha: 1, lineWidth: 2, outlinePolygons: false },
  parks: { fill: '#34b04a', fillAlpha: 0.7, line: '#34b04a', lineAlpha: 1, lineWidth: 2, outlinePolygons: false },
  districts: { fill: null, fillAlpha: 1, line: '#ffd23f', lineAlpha: 1, lineWidth: 3, outlinePolygons: true },
  roads: { fill: '#6d6d6d', fillAlpha: 0.8, line: '#5a5a5a', lineAlpha: 0.9, lineWidth: 2, outlinePolygons: false },
};

export const DEFAULT_GROUND_STYLE: GroundStyle = { fill: '#ffffff', fillAlpha: 0.5, line: '#ffffff', lineAlpha: 1, lineWidth: 2, outlinePolygons: false };

export function groundStyle(layerId: string): GroundStyle {
  return GROUND_STYLES[layerId] ?? DEFAULT_GROUND_STYLE;
}

/** Bottom to top: fills under lines, the building overview (far views) over them, district boundaries over everything. */
export const GROUND_DRAW_ORDER = ['parks', 'water', 'waterways', 'roads', 'buildings-overview', 'districts'];

/** '#rrggbb' -> [r, g, b] (0-255). */
export function rgbOf(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
