// CSV and GeoJSON of result rows (per building and floor, per target...). DOM-free: the scenario
// runner writes the same files in Node.

export type CellValue = string | number | boolean | null | undefined;
export type Row = Record<string, CellValue>;

function csvField(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '') : String(v);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV; columns are `first` (so an empty table still has its header), then the rest of the rows' keys in first-seen order. */
export function rowsToCsv(rows: Row[], first: string[] = []): string {
  const columns: string[] = [...first];
  const seen = new Set<string>(first);
  for (const row of rows)
    for (const key of Object.keys(row))
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface GeoJsonGeometry {
  type: 'Point' | 'Polygon' | 'MultiPolygon' | 'LineString';
  coordinates: unknown;
}

/** A FeatureCollection (WGS84 lon/lat) of rows with a geometry each. */
export function rowsToGeoJson(rows: Array<{ geometry: GeoJsonGeometry | null; properties: Row }>): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', geometry: r.geometry, properties: r.properties })),
  });
}
