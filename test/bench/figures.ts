// Benchmark figures: printed as a table and appended as JSON lines to bench-results/latest.jsonl
// (format: DESIGN.md section 4).
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Figure {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  size: string;
  peer?: string;
  peer_value?: number;
}

export interface Bench {
  name: string;
  description: string;
  run(): Promise<Figure[]>;
}

/** The middle value (the upper of the two middle ones for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export const RESULTS_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench-results/latest.jsonl');

export function recordFigures(figures: Figure[]): void {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  appendFileSync(RESULTS_FILE, figures.map((f) => JSON.stringify(f)).join('\n') + (figures.length ? '\n' : ''));
}

export function formatTable(figures: Figure[]): string {
  const rows = [['bench', 'size', 'metric', 'value', 'unit', 'peer', 'peer value']];
  for (const f of figures) {
    rows.push([f.bench, f.size, f.metric, fmt(f.value), f.unit, f.peer ?? '', f.peer_value === undefined ? '' : fmt(f.peer_value)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => (c === 3 || c === 6 ? v.padStart(widths[c]) : v.padEnd(widths[c]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3);
}
