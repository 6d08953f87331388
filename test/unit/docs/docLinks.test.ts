// The documentation stays true to the tree: every relative link in README.md, docs/*.md and
// workers/README.md reaches an existing file (and heading, for anchors), every source path the
// pages name exists, the README links every page, and its layer table is the rule npm test enforces.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALLOWED_IMPORTS, REPO_ROOT } from '../../support/importGraph.js';
import { brokenLinks, githubSlug, missingCodePaths, parseMarkdown } from '../../support/markdownDocs.js';

const DOC_PAGES = readdirSync(join(REPO_ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const MARKDOWN = ['README.md', 'workers/README.md', ...DOC_PAGES.map((f) => `docs/${f}`)].map((f) => join(REPO_ROOT, f));

const scratch = mkdtempSync(join(tmpdir(), 'vseoul-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the link checker', () => {
  it("makes GitHub's heading anchors", () => {
    expect(githubSlug('Multi-core: row bands (`pool/`)')).toBe('multi-core-row-bands-pool');
    expect(githubSlug('In the app: Plan, Sun, View, Compare, Export')).toBe('in-the-app-plan-sun-view-compare-export');
    expect(githubSlug('S-DoT sensors (live and replay)')).toBe('s-dot-sensors-live-and-replay');
  });

  it('reports a missing file, a missing anchor and a stale source path, and ignores code', async () => {
    mkdirSync(join(scratch, 'docs'));
    writeFileSync(join(scratch, 'docs', 'b.md'), '# B page\n\n## Twice\n\n## Twice\n');
    writeFileSync(
      join(scratch, 'README.md'),
      [
        '# Top',
        '',
        'Good: [b](docs/b.md), [b heading](docs/b.md#b-page), [second](docs/b.md#twice-1), [here](#top), [web](https://example.org/x.md).',
        'Bad: [gone](docs/gone.md), [anchor](docs/b.md#nothing), [self](#nowhere).',
        '',
        'Not links: `[x](nothere.md)` and',
        '',
        '```',
        '[y](nothere.md)',
        '```',
        '',
        'Paths: `docs/b.md` is fine, `workers/noSuchEngine.ts` is not, `tiles/content/*.glb` is a pattern.',
      ].join('\n'),
    );
    expect(await brokenLinks(join(scratch, 'README.md'), scratch)).toEqual([
      'README.md:4 → docs/gone.md: no such file',
      'README.md:4 → docs/b.md#nothing: no heading with that anchor',
      'README.md:4 → #nowhere: no heading with that anchor',
    ]);
    expect(await missingCodePaths(join(scratch, 'README.md'), scratch)).toEqual(['README.md:12 → workers/noSuchEngine.ts']);
  });
});

describe('the documentation', () => {
  it('has a page per topic', () => {
    expect(DOC_PAGES.length).toBeGreaterThanOrEqual(12);
  });

  it.each(MARKDOWN.map((f) => [f.slice(REPO_ROOT.length)]))('%s: every relative link reaches its file and heading', async (file) => {
    expect(await brokenLinks(join(REPO_ROOT, file), REPO_ROOT)).toEqual([]);
  });

  it.each(MARKDOWN.map((f) => [f.slice(REPO_ROOT.length)]))('%s: every source path it names exists', async (file) => {
    expect(await missingCodePaths(join(REPO_ROOT, file), REPO_ROOT)).toEqual([]);
  });

  it('the README links every docs page', async () => {
    const readme = await parseMarkdown(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
    const linked = new Set(readme.links.map((l) => l.url.split('#')[0]));
    expect(DOC_PAGES.filter((page) => !linked.has(`docs/${page}`))).toEqual([]);
  });

  it("the README's layer table is ALLOWED_IMPORTS", async () => {
    const readme = await parseMarkdown(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8'));
    const table = readme.tables.find((t) => t.heading === 'Architecture' && t.rows[0][0] === 'folder');
    expect(table).toBeDefined();
    const documented = Object.fromEntries(
      (table?.rows.slice(1) ?? []).map((row) => [
        row[0].replace(/\/$/, ''),
        row[row.length - 1] === '—'
          ? []
          : row[row.length - 1]
              .split(',')
              .map((s) => s.trim())
              .sort(),
      ]),
    );
    const rule = Object.fromEntries(Object.entries(ALLOWED_IMPORTS).map(([layer, allowed]) => [layer, [...allowed].sort()]));
    expect(documented).toEqual(rule);
  });
});
