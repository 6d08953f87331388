// The repository's import graph, read with TypeScript's own parser (static imports, `export … from`,
// `import()`, `require()`, type-only imports included), and the layer rules it must obey. Used by
// test/unit/architecture/layers.test.ts; `npx tsx test/support/importGraph.ts` prints the imports
// between top-level folders and the files over 400 lines.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The source folders, each a layer. test/ may import anything and is not a layer. */
export const LAYERS = ['common', 'preload', 'renderer', 'workers', 'tiles', 'scenarios', 'main', 'build'] as const;
export type Layer = (typeof LAYERS)[number];

/**
 * Which layers each layer may import (besides itself). The README's architecture section shows
 * the same table; nothing imports renderer/ or main/ from outside them.
 */
export const ALLOWED_IMPORTS: Record<Layer, readonly Layer[]> = {
  common: [],
  preload: ['common'],
  workers: ['common'],
  tiles: ['common', 'workers'],
  renderer: ['common', 'preload', 'workers'],
  scenarios: ['common', 'workers', 'tiles'],
  build: ['common', 'workers'],
  main: ['common', 'preload', 'tiles', 'workers', 'scenarios', 'build'],
};

/** Packages a layer must never load: common/ runs everywhere, workers/ and tiles/ never draw. */
export const FORBIDDEN_PACKAGES: Partial<Record<Layer, RegExp>> = {
  common: /^(node:|electron$|electron\/|cesium$|cesium\/)/,
  workers: /^(electron$|electron\/|cesium$|cesium\/)/,
  tiles: /^(electron$|electron\/|cesium$|cesium\/)/,
  renderer: /^(node:|electron$|electron\/)/,
  scenarios: /^(electron$|electron\/|cesium$|cesium\/)/,
};

export interface ImportEdge {
  /** Repository-relative, '/'-separated. */
  from: string;
  /** A repository-relative file for relative imports, else the package specifier. */
  to: string;
  typeOnly: boolean;
  relative: boolean;
}

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist', 'city-build', 'test-results', 'bench-results', 'scenario-results', 'release']);

export function sourceFiles(root = REPO_ROOT, dirs: readonly string[] = LAYERS): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (SKIP.has(name) || name.startsWith('.')) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(full);
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

const posix = (p: string) => p.split(sep).join('/');

/** Resolves a relative specifier the way the bundlers do ('./x.js' may name './x.ts'). */
function resolveRelative(fromFile: string, spec: string): string {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return base;
}

function isTypeOnlyImport(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // a side-effect import runs code
  if (clause.isTypeOnly) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** Every import of one file. */
export function importsOf(file: string, root = REPO_ROOT): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const from = posix(relative(root, file));
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const isRelative = spec.startsWith('.');
    edges.push({ from, to: isRelative ? posix(relative(root, resolveRelative(file, spec))) : spec, typeOnly, relative: isRelative });
  };
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyImport(node));
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) add(node.arguments[0].text, false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return edges;
}

export function importGraph(root = REPO_ROOT, dirs: readonly string[] = LAYERS): ImportEdge[] {
  return sourceFiles(root, dirs).flatMap((f) => importsOf(f, root));
}

export function layerOf(path: string): Layer | null {
  const top = path.split('/')[0];
  return (LAYERS as readonly string[]).includes(top) ? (top as Layer) : null;
}

/** Imports that run against the layer rules, as readable lines. */
export function layerViolations(edges: readonly ImportEdge[], allowed: Record<Layer, readonly Layer[]> = ALLOWED_IMPORTS): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    if (!from) continue;
    if (e.relative) {
      const to = layerOf(e.to);
      if (to === null) out.push(`${e.from} imports ${e.to}, outside every layer`);
      else if (to !== from && !allowed[from].includes(to))
        out.push(`${e.from} imports ${e.to} (${from} may import ${allowed[from].join(', ') || 'nothing of ours'})`);
    } else if (FORBIDDEN_PACKAGES[from]?.test(e.to)) {
      out.push(`${e.from} imports the package ${e.to}, which ${from}/ must not load`);
    }
  }
  return out;
}

/** Import cycles between files (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.relative) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  // Tarjan's algorithm, iterative so deep chains cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of next.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const targets = next.get(top.node) ?? [];
      if (top.i < targets.length) {
        const w = targets[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        if (component.length > 1 || targets.includes(top.node)) cycles.push(component.sort());
      }
    }
  }
  return cycles;
}

/** Imports between top-level folders: "from -> to" -> [all, type-only]. */
export function folderImportCounts(edges: readonly ImportEdge[]): Map<string, [number, number]> {
  const counts = new Map<string, [number, number]>();
  for (const e of edges) {
    if (!e.relative) continue;
    const from = e.from.split('/')[0];
    const to = e.to.split('/')[0];
    if (from === to) continue;
    const c = counts.get(`${from} -> ${to}`) ?? [0, 0];
    c[0]++;
    if (e.typeOnly) c[1]++;
    counts.set(`${from} -> ${to}`, c);
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const edges = importGraph();
  for (const [k, [n, t]] of folderImportCounts(edges)) console.log(`${k}: ${n}${t ? ` (${t} type-only)` : ''}`);
  const violations = layerViolations(edges);
  console.log(`\n${violations.length} imports against the layer rules`);
  for (const v of violations) console.log(`  ${v}`);
  const cycles = importCycles(edges);
  console.log(`${cycles.length} import cycles`);
  for (const c of cycles) console.log(`  ${c.join(' <-> ')}`);
  const long = sourceFiles(REPO_ROOT, [...LAYERS, 'test'])
    .map((f) => [posix(relative(REPO_ROOT, f)), readFileSync(f, 'utf8').split('\n').length] as const)
    .filter(([, n]) => n > 400)
    .sort((a, b) => b[1] - a[1]);
  console.log(`\n${long.length} files over 400 lines`);
  for (const [f, n] of long) console.log(`  ${n} ${f}`);
}
