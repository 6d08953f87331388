// Export of the approved wiki as GeoJSON (anyone) and import of such a file (admins: the server
// refuses others). The file round-trips: an export imported into an empty wiki reproduces it.
import { WikiApiError } from './wikiClient.js';
import type { WikiExport } from '../../../common/api/wikiContract.js';
import { openDialog } from './dialog.js';
import type { WikiState } from './wikiState.js';
import { button, el } from '../dom.js';
import { wikiText } from './wikiText.js';

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the click starts the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function showResult(title: string, lines: Node[]): void {
  openDialog('wiki-exchange', title, lines, []);
}

async function exportWiki(state: WikiState): Promise<void> {
  try {
    const data = await state.client.exportGeoJson();
    const stamp = new Date().toISOString().slice(0, 10);
    download(`virtual-seoul-wiki-${stamp}.geojson`, JSON.stringify(data, null, 1), 'application/geo+json');
  } catch (err) {
    showResult(wikiText('exportGeoJson'), [el('p', { textContent: (err as Error).message })]);
  }
}

async function importWiki(state: WikiState, file: File): Promise<void> {
  let data: WikiExport;
  try {
    data = JSON.parse(await file.text()) as WikiExport;
  } catch (err) {
    showResult(wikiText('importGeoJson'), [el('p', { textContent: `${wikiText('notJson')}: ${file.name} (${(err as Error).message})` })]);
    return;
  }
  try {
    const result = await state.client.importGeoJson(data);
    showResult(wikiText('importResult'), [
      el('p', {
        textContent: `${file.name}: ${wikiText('imported')} ${result.imported}, ${wikiText('skipped')} ${result.skipped.length}`,
        attrs: { 'data-imported': String(result.imported) },
      }),
      el('ul', {}, ...result.skipped.slice(0, 200).map((s) => el('li', { textContent: `${s.id}: ${s.problem}` }))),
    ]);
    await state.refresh();
  } catch (err) {
    const problems = err instanceof WikiApiError ? (err.body.problems ?? []) : [];
    showResult(wikiText('importGeoJson'), [
      el('p', { textContent: (err as Error).message }),
      el('ul', {}, ...problems.slice(0, 50).map((p) => el('li', { textContent: p }))),
    ]);
  }
}

export function exchangeTools(state: WikiState): HTMLElement {
  const tools = el(
    'div',
    { className: 'wiki-tools' },
    button(wikiText('exportGeoJson'), () => void exportWiki(state), { id: 'wiki-export' }),
  );
  if (state.user?.role === 'admin') {
    const input = el('input', { attrs: { type: 'file', accept: '.geojson,.json,application/geo+json,application/json', id: 'wiki-import-file', hidden: '' } });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) void importWiki(state, file);
    });
    tools.append(
      input,
      button(wikiText('importGeoJson'), () => input.click(), { id: 'wiki-import' }),
    );
  }
  return tools;
}
