// The Export tab: GeoTIFF of each result raster, CSV of the latest table, GeoJSON of the
// proposals, PNG of the map with the legends.
import { proposalHeight } from '../../../common/scenario/scenarioFormat.js';
import { proposalRing, toLonLat } from '../../../workers/planning/proposalGeometry.js';
import { button, el, type AnalysisContext } from './analysisContext.js';
import { at } from './analysisText.js';
import { exportCsv, exportGeoJson, exportGeoTiff, exportMapPng } from './exports.js';

export function exportPanel(ctx: AnalysisContext): HTMLElement {
  const list = el('div', { className: 'analysis-buttons export-list', id: 'export-list' });
  const status = el('p', { className: 'analysis-status', id: 'export-status' });
  const render = () => {
    const items: HTMLElement[] = [];
    for (const r of ctx.results.rasters.values()) items.push(button(`${at('exportTif')} ${r.label}`, () => exportGeoTiff(r.grid, r.id), `export-tif-${r.id}`));
    const table = ctx.results.table;
    if (table) items.push(button(`${at('exportCsv')} (${table.name})`, () => exportCsv(table.rows, table.name), 'export-csv'));
    if (ctx.store.proposals.length) {
      items.push(
        button(
          at('exportGeoJson'),
          () => {
            const rows = ctx.store.proposals.flatMap((p) => {
              try {
                const ring = proposalRing(p, ctx.store.modelBounds.get(p.id)).map((xy) => toLonLat(xy));
                return [
                  {
                    geometry: { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] },
                    properties: { id: p.id, kind: p.kind, height: p.kind === 'gltf' ? null : proposalHeight(p) },
                  },
                ];
              } catch {
                return [];
              }
            });
            exportGeoJson(rows, 'proposals');
          },
          'export-geojson',
        ),
      );
    }
    items.push(button(at('exportPng'), () => void exportMapPng(ctx.viewer, 'map.png').catch((e: unknown) => (status.textContent = String(e))), 'export-png'));
    list.replaceChildren(...items);
    status.textContent = ctx.results.rasters.size || table ? '' : at('nothingToExport');
  };
  ctx.results.onChange(render);
  ctx.store.onChange(render);
  render();
  return el('div', { id: 'export-panel' }, list, status);
}
