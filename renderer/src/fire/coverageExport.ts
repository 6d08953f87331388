// Exports of the buildings outside hydrant coverage: CSV (UTF-8 with BOM so spreadsheet programs
// read Korean) and GeoJSON (footprints with the figures as properties). Pure: no DOM.
export interface GapRow {
  id: string;
  name: string;
  use: string;
  zone: string;
  limitM: number;
  distanceM: number;
  nearestFacility: string;
  hazardScore: number;
  lon: number;
  lat: number;
  ring: number[][];
}

const CSV_HEADER = ['building_id', 'name', 'use', 'zone_assumed', 'limit_m', 'distance_m', 'nearest_facility_no', 'hazard_score', 'lon', 'lat'];

function csvField(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function gapsToCsv(rows: GapRow[], note: string): string {
  const lines = [`# ${note}`, CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [r.id, r.name, r.use, r.zone, r.limitM, r.distanceM.toFixed(1), r.nearestFacility, r.hazardScore.toFixed(1), r.lon.toFixed(6), r.lat.toFixed(6)]
        .map(csvField)
        .join(','),
    );
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function gapsToGeoJson(rows: GapRow[], note: string): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    note,
    features: rows.map((r) => {
      const ring = r.ring.map((p) => [Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7]);
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([...first]);
      return {
        type: 'Feature',
        id: r.id,
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: {
          building_id: r.id,
          name: r.name,
          use: r.use,
          zone_assumed: r.zone,
          limit_m: r.limitM,
          distance_m: Math.round(r.distanceM * 10) / 10,
          nearest_facility_no: r.nearestFacility,
          hazard_score: Math.round(r.hazardScore * 10) / 10,
        },
      };
    }),
  });
}
