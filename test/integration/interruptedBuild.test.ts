// The build replaces the previous build atomically: a CLI run killed midway (SIGKILL, no chance to
// clean up) leaves the old build intact, and the next run cleans up and succeeds.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCity, BuildFailedError } from '../../tiles/buildCity.js';
import { BUILD_PATHS, type CityManifest } from '../../common/buildFormat.js';
import type { BuildLog } from '../../tiles/model/cityModel.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const REPO = path.resolve(__dirname, '../..');
const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(REPO, '../shared/data');
const quiet: BuildLog = { issue: () => {}, progress: () => {}, info: () => {} };

let root: string;
let out: string;

function manifestOf(dir: string): CityManifest {
  return JSON.parse(readFileSync(path.join(dir, BUILD_PATHS.manifest), 'utf8'));
}

/** Every file the build's manifest and tileset point to exists. */
function expectComplete(dir: string) {
  const m = manifestOf(dir);
  const tileset = JSON.parse(readFileSync(path.join(dir, m.tileset), 'utf8'));
  const uris: string[] = [];
  const walk = (t: { content?: { uri: string }; children?: unknown[] }) => {
    if (t.content) uris.push(t.content.uri);
    for (const c of (t.children ?? []) as (typeof t)[]) walk(c);
  };
  walk(tileset.root);
  expect(uris.length).toBe(m.summary.tileCount);
  for (const u of uris) expect(existsSync(path.join(dir, path.dirname(m.tileset), u))).toBe(true);
  for (const l of m.layers) expect(existsSync(path.join(dir, l.path))).toBe(true);
  for (const d of m.dsm) expect(existsSync(path.join(dir, d.path))).toBe(true);
  expect(m.surface?.tiles.length).toBeGreaterThan(0);
  for (const [e, n] of m.surface?.tiles ?? []) expect(existsSync(path.join(dir, m.surface!.dir, `${e}_${n}.tile`))).toBe(true);
  if (m.terrain) expect(existsSync(path.join(dir, m.terrain.path, 'layer.json'))).toBe(true);
}

function runCli(args: string[], killOn?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'tiles/cli/buildCity.ts'), '--sources', PATCH_SOURCES_FILE, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (killOn && killOn.test(output) && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'vseoul-atomic-'));
  out = path.join(root, 'city-build');
  await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: out }, quiet);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('atomic city build', () => {
  it('a CLI build killed midway leaves the previous build intact; the next build succeeds', async () => {
    const before = manifestOf(out);
    // Killed once it has started writing terrain tiles: its building tiles are already on disk.
    const killed = await runCli(['--source', SOURCE, '--out', out], /\[terrain\]/);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.output).toContain('[tiles]');
    expect(readdirSync(root).some((n) => n.startsWith('city-build.tmp-'))).toBe(true); // the dead run's leftovers
    expect(manifestOf(out).builtAt).toBe(before.builtAt);
    expectComplete(out);

    const next = await runCli(['--source', SOURCE, '--out', out]);
    expect(next.code).toBe(0);
    expect(next.output).toMatch(/removed city-build\.tmp-\d+ left by an interrupted build/);
    expect(next.output).toMatch(/buildings: 1358 built/);
    expect(manifestOf(out).builtAt).not.toBe(before.builtAt);
    expectComplete(out);
    expect(readdirSync(root)).toEqual(['city-build']);
    // Two CLI builds, each with whole-city terrain and ground imagery: past the default 120 s on a busy
    // 2-core machine, and a timed-out test would leave its CLI writing into the next test's build.
  }, 480_000);

  it('restores the previous build when a run died between the two renames', async () => {
    const old = path.join(root, 'city-build.old-999999'); // a pid that is not running
    const { renameSync } = await import('node:fs');
    renameSync(out, old);
    await buildCity({ sourceDir: path.join(root, 'missing-source'), sourcesConfig: PATCH_SOURCES_FILE, outDir: out }, quiet).catch(() => {});
    expect(existsSync(old)).toBe(false);
    expectComplete(out);
  });

  it('a build that finds nothing fails with exit code 1 and keeps the previous build', async () => {
    const before = manifestOf(out);
    const empty = path.join(root, 'empty-source');
    mkdirSync(empty, { recursive: true });
    await expect(buildCity({ sourceDir: empty, sourcesConfig: PATCH_SOURCES_FILE, outDir: out }, quiet)).rejects.toBeInstanceOf(BuildFailedError);
    const r = await runCli(['--source', empty, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.output).toContain('Build failed');
    expect(manifestOf(out).builtAt).toBe(before.builtAt);
    expectComplete(out);
  });

  it('refuses to replace a folder that is not a city build', async () => {
    const notABuild = path.join(root, 'my-documents');
    mkdirSync(notABuild);
    writeFileSync(path.join(notABuild, 'thesis.txt'), 'precious');
    await expect(buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: notABuild }, quiet)).rejects.toThrow(/not a city build/);
    expect(readFileSync(path.join(notABuild, 'thesis.txt'), 'utf8')).toBe('precious');
  });
});
