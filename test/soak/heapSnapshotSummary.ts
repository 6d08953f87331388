// Heap snapshots by constructor, and what grew between two of them: the soak's way to name a
// growth instead of only measuring it (SOAK_HEAP_SNAPSHOTS=1). Written here because DevTools'
// comparison view needs a person at the screen; the snapshot format is V8's documented
// `nodes` array with `snapshot.meta.node_fields`.

interface SnapshotJson {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export interface HeapGroup {
  count: number;
  bytes: number;
}

/** Objects grouped by constructor name (`object`, `closure` and `native` (DOM, WebGL) nodes) or by node type (strings, arrays, code…). */
export function summarizeHeapSnapshot(text: string): Map<string, HeapGroup> {
  const snap = JSON.parse(text) as SnapshotJson;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const groups = new Map<string, HeapGroup>();
  for (let i = 0; i < snap.nodes.length; i += stride) {
    const type = types[snap.nodes[i + typeAt]];
    const named = type === 'object' || type === 'closure' || type === 'native';
    const key = named ? `${type} ${snap.strings[snap.nodes[i + nameAt]]}` : `(${type})`;
    const g = groups.get(key) ?? { count: 0, bytes: 0 };
    g.count++;
    g.bytes += snap.nodes[i + sizeAt];
    groups.set(key, g);
  }
  return groups;
}

export interface HeapGrowth extends HeapGroup {
  key: string;
}

/** The `limit` groups that grew most in bytes from `before` to `after`. */
export function heapGrowth(before: Map<string, HeapGroup>, after: Map<string, HeapGroup>, limit = 15): HeapGrowth[] {
  const out: HeapGrowth[] = [];
  for (const [key, a] of after) {
    const b = before.get(key) ?? { count: 0, bytes: 0 };
    out.push({ key, count: a.count - b.count, bytes: a.bytes - b.bytes });
  }
  return out.sort((x, y) => y.bytes - x.bytes).slice(0, limit);
}
