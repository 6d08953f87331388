// The layers are the architecture (README, "Architecture"): each top-level folder may import only
// the layers ALLOWED_IMPORTS names, common/ loads nothing of Node, Electron or Cesium, and no two
// files import each other, directly or around a loop. Read from the real source tree with
// TypeScript's parser, so `import type`, `export … from` and `import()` all count.
import { describe, expect, it } from 'vitest';
import { ALLOWED_IMPORTS, LAYERS, importCycles, importGraph, importsOf, layerViolations, REPO_ROOT, type ImportEdge } from '../../support/importGraph.js';
import { join } from 'node:path';

describe('layer rules', () => {
  const edges = importGraph();

  it('reads the real graph, every form of import included', () => {
    const from = (file: string) => edges.filter((e) => e.from === file).map((e) => e.to);
    expect(from('main/host/hostApi.ts')).toContain('common/buildFormat.ts');
    expect(from('preload/ipcBridge.ts')).toContain('electron');
    expect(edges.length).toBeGreaterThan(800);
    // type-only and re-exports are imports too
    const hostApi = importsOf(join(REPO_ROOT, 'main/host/hostApi.ts'));
    expect(hostApi.some((e) => e.to === 'common/api/hostContract.ts' && e.typeOnly)).toBe(true);
  });

  it('the checker flags an import up the layers, a forbidden package and a cycle', () => {
    const fake: ImportEdge[] = [
      { from: 'workers/a.ts', to: 'main/b.ts', typeOnly: true, relative: true },
      { from: 'common/c.ts', to: 'node:fs', typeOnly: false, relative: false },
      { from: 'renderer/d.ts', to: 'common/e.ts', typeOnly: false, relative: true },
      { from: 'tiles/x.ts', to: 'tiles/y.ts', typeOnly: true, relative: true },
      { from: 'tiles/y.ts', to: 'tiles/z.ts', typeOnly: false, relative: true },
      { from: 'tiles/z.ts', to: 'tiles/x.ts', typeOnly: false, relative: true },
    ];
    expect(layerViolations(fake)).toEqual([
      expect.stringContaining('workers/a.ts imports main/b.ts'),
      expect.stringContaining('common/c.ts imports the package node:fs'),
    ]);
    expect(importCycles(fake)).toEqual([['tiles/x.ts', 'tiles/y.ts', 'tiles/z.ts']]);
  });

  it('every layer appears in the rule table, and nothing outside renderer/ and main/ may import them', () => {
    expect(Object.keys(ALLOWED_IMPORTS).sort()).toEqual([...LAYERS].sort());
    for (const [layer, allowed] of Object.entries(ALLOWED_IMPORTS)) {
      if (layer !== 'renderer') expect(allowed, layer).not.toContain('renderer');
      if (layer !== 'main') expect(allowed, layer).not.toContain('main');
    }
  });

  it('no import runs against the layer rules', () => {
    expect(layerViolations(edges)).toEqual([]);
  });

  it('no import cycles', () => {
    expect(importCycles(edges)).toEqual([]);
  });
});
