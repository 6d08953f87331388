// Wiki benchmark: sustained edit throughput and latency with 50 concurrent clients on loopback
// for 30 s after a 5 s warm-up (VSEOUL_WIKI_BENCH_SECONDS to change), and the database size per
// 10,000 edits (all revisions written, warm-up included).
// The server runs in its own process (the real host + wiki, WAL, synchronous=FULL: every edit is
// fsynced before it is answered) so the load generator does not share its event loop. Each client
// is its own account (the per-account rate limit is lifted in the bench server) and proposes new
// places in a closed loop; one more client approves from the queue concurrently, so the figures
// include writer contention. Edits are fixtures (a name with a counter), not Seoul data.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench, Figure } from './figures.js';

const CLIENTS = 50;
const SECONDS = Number(process.env.VSEOUL_WIKI_BENCH_SECONDS ?? 30);
const WARMUP_SECONDS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export const wikiBench: Bench = {
  name: 'wiki',
  description: `wiki edits: ${CLIENTS} concurrent clients on loopback for ${SECONDS} s, SQLite WAL + synchronous=FULL`,
  async run(): Promise<Figure[]> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-wiki-bench-'));
    const dbPath = path.join(dir, 'wiki.sqlite');
    const child = spawn(
      process.execPath,
      [
        ...(process.env.VSEOUL_WIKI_BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.VSEOUL_WIKI_BENCH_PROFILE] : []),
        '--import',
        'tsx',
        'test/bench/wikiBenchServer.ts',
        dbPath,
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /url (\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
      });
      const u = (p: string) => new URL(p, base).href;
      const admin = (await post(u('api/wiki/signin'), { name: 'bench-admin', password: 'bench-admin-password' })).json.token as string;
      const tokens: string[] = [];
      for (let i = 0; i < CLIENTS; i++) tokens.push((await post(u('api/wiki/signup'), { name: `bench-client-${i}`, password: 'bench-password' })).json.token);

      const latencies: number[] = [];
      let edits = 0;
      let failures = 0;
      let approvals = 0;
      // A warm-up (connections opening, JIT) is run but not measured.
      const started = performance.now();
      const measureFrom = started + WARMUP_SECONDS * 1000;
      const deadline = measureFrom + SECONDS * 1000;
      const client = async (token: string, c: number) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const body = {
            kind: 'place',
            baseRev: null,
            geometry: { type: 'Point', coordinates: [126.95 + (c % 10) * 0.005, 37.55 + (i % 10) * 0.002] },
            properties: { name_ko: `벤치마크 장소 ${c}-${i}`, name_en: `Bench place ${c}-${i}`, category: 'other', note: 'benchmark fixture' },
            comment: `bench edit ${i}`,
          };
          const t0 = performance.now();
          const r = await post(u('api/wiki/revisions'), body, token);
          const t1 = performance.now();
          if (t0 < measureFrom || t1 > deadline) continue;
          latencies.push(t1 - t0);
          if (r.status === 201) edits++;
          else failures++;
        }
      };
      const approver = async () => {
        while (performance.now() < deadline) {
          const res = await fetch(u('api/wiki/queue'), { headers: { Authorization: `Bearer ${admin}` } });
          const items = ((await res.json()) as { items: Array<{ revision: { id: number } }> }).items.slice(0, 20);
          for (const item of items) {
            if (performance.now() >= deadline) break;
            if ((await post(u(`api/wiki/revisions/${item.revision.id}/approve`), {}, admin)).status === 200 && performance.now() >= measureFrom) approvals++;
          }
        }
      };
      await Promise.all([...tokens.map((t, c) => client(t, c)), approver()]);
      const seconds = SECONDS;
      latencies.sort((a, b) => a - b);

      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      const db = new Database(dbPath);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const revisions = (db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n;
      const integrity = db.pragma('integrity_check', { simple: true });
      db.close();
      const bytes = statSync(dbPath).size;
      if (integrity !== 'ok') throw new Error(`integrity_check after the run: ${integrity}`);
      if (failures) console.log(`${failures} edits failed`);
      console.log(`${edits} edits and ${approvals} approvals in ${seconds.toFixed(1)} s; ${revisions} revisions, ${(bytes / 1e6).toFixed(2)} MB`);
      const size = `${CLIENTS} clients, ${SECONDS} s`;
      return [
        { bench: 'wiki', metric: 'edit throughput', value: edits / seconds, unit: 'edits/s', size },
        { bench: 'wiki', metric: 'edit latency p50', value: percentile(latencies, 50), unit: 'ms', size },
        { bench: 'wiki', metric: 'edit latency p99', value: percentile(latencies, 99), unit: 'ms', size },
        { bench: 'wiki', metric: 'approvals alongside', value: approvals / seconds, unit: 'approvals/s', size },
        { bench: 'wiki', metric: 'database size per 10,000 edits', value: ((bytes / revisions) * 10_000) / 1e6, unit: 'MB', size: `${revisions} revisions` },
        { bench: 'wiki', metric: 'failed edits', value: failures, unit: 'count', size },
      ];
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
