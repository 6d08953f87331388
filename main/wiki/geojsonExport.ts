// Approved wiki features as GeoJSON, and the way back: an exported file imported into an empty
// store reproduces the same features (ids, kinds, targets, geometry, properties). Each imported
// feature becomes one approved revision by the importing admin whose comment records the original
// revision, author and approval time. Every feature is validated like an edit; bad ones are
// reported, never silently dropped.
import type { WikiExport, WikiExportFeature, WikiImportResult, WikiKind, WikiProperties, WikiUser } from '../../common/api/wikiContract.js';
import type { WikiStore } from './store.js';
import { checkPropose } from './validation.js';

export function exportGeoJson(store: WikiStore): WikiExport {
  return { type: 'FeatureCollection', features: store.exportFeatures() };
}

const KINDS: WikiKind[] = ['place', 'building', 'hydrant', 'note'];

export function importGeoJson(store: WikiStore, importer: WikiUser, data: unknown): WikiImportResult {
  if (typeof data !== 'object' || data === null || (data as WikiExport).type !== 'FeatureCollection' || !Array.isArray((data as WikiExport).features)) {
    return { imported: 0, skipped: [{ id: '(file)', problem: 'not a GeoJSON FeatureCollection' }] };
  }
  const result: WikiImportResult = { imported: 0, skipped: [] };
  (data as WikiExport).features.forEach((raw: unknown, index) => {
    const f = raw as Partial<WikiExportFeature>;
    const id = typeof f?.id === 'string' ? f.id : `(feature ${index})`;
    const skip = (problem: string) => result.skipped.push({ id, problem });
    if (typeof f !== 'object' || f === null || f.type !== 'Feature' || typeof f.id !== 'string' || typeof f.properties !== 'object' || f.properties === null) {
      skip('not a Feature with a string id and properties');
      return;
    }
    const { wiki, ...rest } = f.properties;
    // Checked by checkPropose below: only the kind's string and number properties pass.
    const properties = rest as WikiProperties;
    if (typeof wiki !== 'object' || wiki === null || !KINDS.includes(wiki.kind)) {
      skip('properties.wiki.kind missing or unknown (not a Virtual Seoul wiki export?)');
      return;
    }
    const isKeyed = wiki.kind === 'building' || wiki.kind === 'hydrant';
    const checked = checkPropose({
      ...(isKeyed ? { target: wiki.target ?? undefined } : { featureId: f.id }),
      kind: wiki.kind,
      baseRev: isKeyed ? null : 1,
      geometry: f.geometry ?? null,
      properties,
      comment: 'import',
    });
    if (!checked.ok) {
      skip(checked.problems.join('; '));
      return;
    }
    if (isKeyed && f.id !== `${wiki.kind}:${wiki.target}`) {
      skip(`id must be ${wiki.kind}:${wiki.target}`);
      return;
    }
    const comment = `Imported: revision ${wiki.revision} by ${wiki.author}, approved ${wiki.approvedAt ?? '?'} by ${wiki.approvedBy ?? '?'}`.slice(0, 500);
    const added = store.importFeature(importer, {
      id: f.id,
      kind: wiki.kind,
      target: isKeyed ? (wiki.target ?? null) : null,
      geometry: f.geometry ?? null,
      properties,
      comment,
    });
    if (added) result.imported++;
    else skip('a feature with this id already exists');
  });
  return result;
}
