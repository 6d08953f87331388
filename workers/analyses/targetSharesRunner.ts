// Visible target shares per floor (declaration: common/analyses/targetShares.ts) of the building
// holding the observer point, over the surface window (proposals burnt in for 'after').
import type { Row } from '../../common/tableFormats.js';
import { footprintAt } from '../planning/footprintLookup.js';
import { toXY } from '../planning/proposalGeometry.js';
import { computeTargetShares } from '../view/targetShares.js';
import { defaultViewTargets, type WaterCollection } from '../view/viewTargets.js';
import type { AnalysisRunner } from './analysisRunner.js';
import type { Comparison, DeclaredRunResult, VariantOutputs } from './declaredRun.js';
import type { RunContext } from './runContext.js';
import type { LonLat } from '../../common/analyses/analysisSpec.js';

const LABEL = 'target shares';
const FIXED = new Set(['building', 'floor', 'eyeZ']);

/** The shares table of the observer's building, or the problem that stopped it. */
export async function targetSharesOf(ctx: RunContext, observer: LonLat, from: number): Promise<VariantOutputs> {
  const footprints = await ctx.city.footprints();
  if (!footprints) return { problems: [`${LABEL}: the city build has no footprints file; skipped`] };
  const [x, y] = toXY(observer);
  const building = footprintAt(footprints, x, y);
  if (!building) return { problems: [`${LABEL}: the observer is not inside a building footprint, so there are no floors to list; skipped`] };
  const surface = await ctx.surface();
  const water = await ctx.city.groundLayer('water');
  const issues: string[] = [];
  const targets = defaultViewTargets({ features: water ?? [] } as unknown as WaterCollection, { onIssue: (m) => issues.push(m) });
  const r = computeTargetShares(
    { dsm: surface.grid, building: { ring: building.ring, height: building.height, floors: building.floors || undefined }, window: { x, y }, targets },
    ctx.engineControl(from, 1),
  );
  const rows: Row[] = r.rows.map((row) => {
    const out: Row = { building: building.id, floor: row.label, eyeZ: Math.round(row.z * 100) / 100 };
    r.targets.forEach((t, k) => (out[t] = row.shares[k]));
    return out;
  });
  const problems = [
    ...(issues.length ? [`${LABEL}: ${issues.length} water features not used (first: ${issues[0]})`] : []),
    ...r.notes.filter((n) => n.startsWith('floor count')).map((n) => `${LABEL}: ${n}`),
  ];
  return { tables: { shares: { rows } }, facts: { observerBuilding: building.id }, problems };
}

/** The joined table (before, after and change of every target per floor) and the Han River figure. */
export function compareShares(before: DeclaredRunResult, after: DeclaredRunResult, table: string): Comparison {
  const b = before.tables[table],
    a = after.tables[table];
  if (!b || !a) return { figures: {} };
  const targets = Object.keys(b.rows[0] ?? {}).filter((k) => !FIXED.has(k));
  const share = (r: Row | undefined, t: string) => (typeof r?.[t] === 'number' ? (r[t] as number) : NaN);
  const rows: Row[] = b.rows.map((r, i) => {
    const row: Row = { building: r.building, floor: r.floor, eyeZ: r.eyeZ };
    for (const t of targets) {
      row[`${t} before`] = share(r, t);
      row[`${t} after`] = share(a.rows[i], t);
      row[`${t} change`] = share(a.rows[i], t) - share(r, t);
    }
    return row;
  });
  const figures: Comparison['figures'] = {};
  const han = targets.find((t) => /han/i.test(t));
  if (han) {
    let worst = 0;
    b.rows.forEach((r, i) => (worst = Math.min(worst, share(a.rows[i], han) - share(r, han))));
    figures.observerBuilding = before.facts.observerBuilding;
    figures.largestHanRiverShareLoss = Math.round(-worst * 10000) / 10000;
  }
  return { figures, tables: { [table]: { rows } } };
}

export const targetSharesRunner: AnalysisRunner<'targetShares'> = {
  run: (ctx, p) => targetSharesOf(ctx, p.observer, 0.05),
  compare: (before, after) => compareShares(before, after, 'shares'),
};
