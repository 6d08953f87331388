// glTF proposals: the model's bounds as the app reads them (accessor min/max, gltfBounds.ts) and as
// the scenario runner reads them (gltf-transform's getBounds) agree on a hand-made model (a fixture
// written by the test), and its prism is the rotated bounding box of its x/z extent.
import { Document, NodeIO } from '@gltf-transform/core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gltfModelBounds } from '../../../scenarios/scenarioRun.js';
import type { Scenario } from '../../../common/scenario/scenarioFormat.js';
import { gltfBounds } from '../../../workers/planning/gltfBounds.js';
import { gltfRing } from '../../../workers/planning/proposalGeometry.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-gltf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function boxGlb(min: number[], max: number[]): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const corners: number[] = [];
  for (const x of [min[0], max[0]]) for (const y of [min[1], max[1]]) for (const z of [min[2], max[2]]) corners.push(x, y, z);
  const position = doc.createAccessor().setType('VEC3').setArray(new Float32Array(corners)).setBuffer(buffer);
  const prim = doc.createPrimitive().setAttribute('POSITION', position).setMode(0);
  const mesh = doc.createMesh().addPrimitive(prim);
  doc.createScene().addChild(doc.createNode().setMesh(mesh));
  return new NodeIO().writeBinary(doc);
}

describe('glTF proposal bounds', () => {
  it('reads the same bounds in the app and in the runner', async () => {
    const glb = await boxGlb([-6, 0, -4], [6, 45, 4]);
    writeFileSync(path.join(dir, 'tower.glb'), glb);
    expect(gltfBounds(glb)).toEqual({ min: [-6, 0, -4], max: [6, 45, 4] });
    const scenario: Scenario = {
      name: 't',
      area: { west: 126.97, south: 37.56, east: 126.98, north: 37.57 },
      proposals: [
        { kind: 'gltf', id: 'm', uri: 'tower.glb', position: [126.975, 37.565] },
        { kind: 'gltf', id: 'gone', uri: 'missing.glb', position: [126.975, 37.565] },
      ],
      analyses: [],
    };
    const r = await gltfModelBounds(scenario, dir);
    expect(r.bounds.m).toEqual({ min: [-6, 0, -4], max: [6, 45, 4] });
    expect(r.problems).toEqual([expect.stringMatching(/^proposal gone: cannot read .*missing\.glb .*not applied$/)]);
  });

  it('turns the x/z box into a footprint: glTF -z points north, rotation clockwise, scaled', () => {
    const ring = gltfRing(1000, 2000, { min: [-6, 0, -4], max: [6, 45, 2] }, 2, 0);
    // x -12..12 (east), north from -z: -2*2=-4 .. 4*2=8.
    expect(ring).toEqual([
      [988, 1996],
      [1012, 1996],
      [1012, 2008],
      [988, 2008],
    ]);
    const turned = gltfRing(1000, 2000, { min: [-6, 0, -4], max: [6, 45, 2] }, 1, 90).map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
    // 90° clockwise: north (+4) becomes east, east (+6) becomes south.
    expect(Math.max(...turned.map((p) => p[0]))).toBe(1004);
    expect(Math.min(...turned.map((p) => p[1]))).toBe(1994);
  });

  it('refuses a file that is not a model', () => {
    expect(() => gltfBounds(new TextEncoder().encode('{"asset":{"version":"2.0"}}'))).toThrow(/no mesh positions/);
  });
});
