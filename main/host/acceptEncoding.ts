// Chooses a content coding from Accept-Encoding (RFC 9110 §12.5.3): brotli, then gzip, honouring
// q=0 refusals and the "*" wildcard.
import type { ContentEncoding } from './compressionCache.js';

export function negotiateEncoding(acceptEncoding: string | null): ContentEncoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = rawName.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (m) weight = Number(m[1]);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: string): number => q.get(name) ?? q.get('*') ?? 0;
  const candidates: ContentEncoding[] = ['br', 'gzip'];
  let best: ContentEncoding | null = null;
  let bestWeight = 0;
  for (const name of candidates) {
    const w = weightOf(name);
    if (w > bestWeight) {
      best = name;
      bestWeight = w;
    }
  }
  return best;
}
