// The Export tab: GeoTIFF of each result raster, CSV of the latest table, GeoJSON of the
// proposals, PNG of the map with the legends.
import { proposalHeight } from '../../../common/scenario/scenarioFormat.js';
import { proposalRing, toLonLat } from '../../../workers/planning/proposalGeometry.js';
import { button, el } from '../dom.js';
import type { AnalysisContext, ToolPanel } from './analysisContext.js';
import { analysisText } from './analysisText.js';
import { exportCsv, exportGeoJson, exportGeoTiff, exportMapPng } from './exports.js';

export function exportPanel(ctx: AnalysisContext): ToolPanel {
  const list = el('div', { className: 'analysis-buttons export-list', id: 'export-list' });
  const status = el('p', { className: 'analysis-status', id: 'export-status' });
  const render = () => {
    const items: HTMLElement[] = [];
    for (const r of ctx.results.rasters.values())
      items.push(button(`${analysisText('exportTif')} ${r.label}`, () => exportGeoTiff(r.grid, r.id), { id: `export-tif-${r.id}` }));
    const table = ctx.results.table;
    if (table) items.push(button(`${analysisText('exportCsv')} (${table.name})`, () => exportCsv(table.rows, table.name), { id: 'export-csv' }));
    if (ctx.store.proposals.length) {
      items.push(
        button(
          analysisText('exportGeoJson'),
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
          { id: 'export-geojson' },
        ),
      );
    }
    items.push(
      button(analysisText('exportPng'), () => void exportMapPng(ctx.viewer, 'map.png').catch((e: unknown) => (status.textContent = String(e))), {
        id: 'export-png',
      }),
    );
    list.replaceChildren(...items);
    status.textContent = ctx.results.rasters.size || table ? '' : analysisText('nothingToExport');
  };
  const offResults = ctx.results.onChange(render);
  const offStore = ctx.store.onChange(render);
  render();
  return {
    element: el('div', { id: 'export-panel' }, list, status),
    destroy() {
      offResults();
      offStore();
    },
  };
}
