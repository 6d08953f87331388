// The repository's Markdown as GitHub shows it, for the documentation tests: links, code spans,
// headings and tables come from a real Markdown parser (the remark parser Prettier ships), so a
// link inside a code block or a `[x](y)` in a code span is not mistaken for a link.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ParserOptions } from 'prettier';
import { parsers } from 'prettier/plugins/markdown';
import { LAYERS } from './importGraph.js';

interface MdNode {
  type: string;
  url?: string;
  value?: string;
  children?: MdNode[];
  position?: { start: { line: number } };
}

export interface MarkdownDoc {
  /** Link and image targets as written, with their line. */
  links: Array<{ url: string; line: number }>;
  /** Inline code spans, with their line. */
  codeSpans: Array<{ value: string; line: number }>;
  /** The anchors GitHub gives the headings. */
  anchors: Set<string>;
  /** Each table as rows of cell texts (header row first), under the heading it follows. */
  tables: Array<{ heading: string; rows: string[][] }>;
}

const textOf = (node: MdNode): string => node.value ?? (node.children ?? []).map(textOf).join('');

/** GitHub's heading anchor (github-slugger): lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

export async function parseMarkdown(text: string): Promise<MarkdownDoc> {
  const root = (await parsers.markdown.parse(text, {} as ParserOptions)) as MdNode;
  const doc: MarkdownDoc = { links: [], codeSpans: [], anchors: new Set(), tables: [] };
  const slugCounts = new Map<string, number>();
  let heading = '';
  const walk = (node: MdNode) => {
    const line = node.position?.start.line ?? 0;
    if (node.type === 'heading') {
      heading = textOf(node);
      const slug = githubSlug(heading);
      const seen = slugCounts.get(slug) ?? 0;
      slugCounts.set(slug, seen + 1);
      doc.anchors.add(seen ? `${slug}-${seen}` : slug);
    } else if (node.type === 'table') {
      doc.tables.push({ heading, rows: (node.children ?? []).map((row) => (row.children ?? []).map((cell) => textOf(cell).trim())) });
    }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && node.url !== undefined) doc.links.push({ url: node.url, line });
    if (node.type === 'inlineCode' && node.value !== undefined) doc.codeSpans.push({ value: node.value, line });
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return doc;
}

const isFile = (path: string) => {
  try {
    return statSync(path).isFile() || statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Relative links of one Markdown file whose target file (or, for `x.md#anchor` and `#anchor`, whose
 * heading) does not exist, as "file:line → target: why". Links with a scheme (https:, mailto:) are
 * not followed.
 */
export async function brokenLinks(file: string, root: string): Promise<string[]> {
  const doc = await parseMarkdown(readFileSync(file, 'utf8'));
  const problems: string[] = [];
  const where = (line: number) => `${relative(root, file)}:${line}`;
  for (const { url, line } of doc.links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
    const [pathPart, anchor] = url.split('#', 2) as [string, string | undefined];
    const target = pathPart ? resolve(dirname(file), decodeURI(pathPart)) : file;
    if (!isFile(target)) {
      problems.push(`${where(line)} → ${url}: no such file`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!target.endsWith('.md')) {
      problems.push(`${where(line)} → ${url}: an anchor into a file that is not Markdown`);
      continue;
    }
    const anchors = target === file ? doc.anchors : (await parseMarkdown(readFileSync(target, 'utf8'))).anchors;
    if (!anchors.has(anchor)) problems.push(`${where(line)} → ${url}: no heading with that anchor`);
  }
  return problems;
}

/** A code span naming a source or Markdown file by its root-relative path, e.g. `workers/flood/rainFlood.ts` (not .json: the build layout has `tiles/tileset.json`). */
const REPO_PATH = new RegExp(`^(${[...LAYERS, 'test'].join('|')})/[\\w./-]*\\.(ts|js|md)$`);

/** Source files the Markdown names in code spans (root-relative) that do not exist, as "file:line → path". */
export async function missingCodePaths(file: string, root: string): Promise<string[]> {
  const doc = await parseMarkdown(readFileSync(file, 'utf8'));
  return doc.codeSpans
    .filter(({ value }) => REPO_PATH.test(value) && !isFile(join(root, value)))
    .map(({ value, line }) => `${relative(root, file)}:${line} → ${value}`);
}
