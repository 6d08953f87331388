// Facade sunlight per floor with right-to-light (declarations: common/analyses/facades.ts): the
// listed buildings, or those near a proposal, against the 3D city read through workers/data; the
// proposals join the city as prisms in the 'after' run.
import type { FootprintsFile } from '../../common/buildFormat.js';
import { minuteOfDay } from '../../common/analyses/schemaParts.js';
import type { Row } from '../../common/tableFormats.js';
import { footprintOf } from '../planning/footprintLookup.js';
import type { ProposalPrism } from '../planning/applyProposals.js';
import { toLonLat } from '../planning/proposalGeometry.js';
import { facadeSun } from '../sun/facadeSun.js';
import { RIGHT_TO_LIGHT_RULES } from '../sun/rightToLight.js';
import type { AnalysisRunner } from './analysisRunner.js';
import type { Comparison, DeclaredRunResult, ResultTable, VariantOutputs } from './declaredRun.js';
import type { RunContext } from './runContext.js';

/** Buildings whose footprint comes within `radius` metres of a proposal's footprint (vertex distance). */
export function buildingsNear(f: FootprintsFile, prisms: ProposalPrism[], radius: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < f.ids.length; i++) {
    const b = footprintOf(f, i);
    const near = prisms.some((p) => p.ring.some(([px, py]) => b.ring.some(([x, y]) => Math.hypot(x - px, y - py) <= radius)));
    if (near) out.push(b.id);
  }
  return out;
}

interface FacadeWindow {
  date?: string;
  startMinute: number;
  endMinute: number;
  stepMinutes: number;
  buildings?: string[];
  radius: number;
}

async function runFacades(ctx: RunContext, w: FacadeWindow, label: string): Promise<VariantOutputs> {
  const footprints = await ctx.city.footprints();
  if (!footprints) return { problems: [`${label}: the city build has no footprints file; skipped`] };
  // The surface window only places the proposals' prisms (declared forProposals): without proposals
  // none is read, and the buildings may stand outside every surface model (rays run against the tiles).
  const { prisms } = ctx.input.proposals?.length ? await ctx.surface() : { prisms: [] };
  const buildings = w.buildings ?? buildingsNear(footprints, prisms, w.radius);
  if (!buildings.length) return { problems: [`${label}: no buildings to analyse (none listed and none near a proposal)`] };
  ctx.report(0.05, 'facades');
  const r = await facadeSun(
    {
      buildUrl: ctx.city.baseUrl,
      read: ctx.city.readUrl,
      buildings,
      proposals: ctx.after ? prisms : undefined,
      date: w.date,
      startMinute: w.startMinute,
      endMinute: w.endMinute,
      stepMinutes: w.stepMinutes,
    },
    ctx.engineControl(0.05, 1),
  );
  const floors: ResultTable = {
    rows: r.floors.map((f) => ({
      building: f.building,
      facade: f.facade,
      floor: f.floor,
      facing: Math.round(f.facing),
      hours: f.hours,
      rightToLight: f.rightToLight.pass,
      longestContinuousMinutes: f.rightToLight.longestContinuousMinutes,
      totalMinutes: f.rightToLight.totalMinutes,
    })),
    features: r.floors.map((f) => ({
      geometry: { type: 'LineString', coordinates: [toLonLat([f.x0, f.y0]), toLonLat([f.x1, f.y1])] },
      properties: { zBottom: f.zBottom, zTop: f.zTop },
    })),
  };
  return { tables: { floors }, facts: { buildings: buildings.length, date: r.date }, problems: r.problems.map((p) => `${label}: ${p}`) };
}

/** One comparison row per building, facade and floor: right-to-light before and after. */
function compareFloors(before: DeclaredRunResult, after: DeclaredRunResult): Comparison {
  const b = before.tables.floors,
    a = after.tables.floors;
  if (!b || !a) return { figures: {} };
  const key = (r: Row) => `${String(r.building)}|${String(r.facade)}|${String(r.floor)}`;
  const afterByKey = new Map(a.rows.map((r) => [key(r), r]));
  const rows: Row[] = b.rows.map((r) => {
    const x = afterByKey.get(key(r));
    return {
      building: r.building,
      facade: r.facade,
      floor: r.floor,
      facing: r.facing,
      hoursBefore: r.hours,
      hoursAfter: x?.hours ?? null,
      passBefore: r.rightToLight,
      passAfter: x?.rightToLight ?? null,
      losesCompliance: x ? r.rightToLight === true && x.rightToLight === false : null,
      longestRunMinutesAfter: x?.longestContinuousMinutes ?? null,
      totalMinutesAfter: x?.totalMinutes ?? null,
    };
  });
  const losing = rows.filter((r) => r.losesCompliance === true);
  const figures: Comparison['figures'] = {
    buildings: before.facts.buildings,
    floorsAnalysed: rows.length,
    failingBefore: rows.filter((r) => r.passBefore === false).length,
    failingAfter: rows.filter((r) => r.passAfter === false).length,
    floorsLosingCompliance: losing.length,
  };
  if (losing.length)
    figures.losing =
      losing
        .slice(0, 20)
        .map((r) => `${String(r.building)} facade ${String(r.facade)} floor ${String(r.floor)}`)
        .join('; ') + (losing.length > 20 ? ` and ${losing.length - 20} more (see CSV)` : '');
  return { figures, tables: { floors: { rows, features: b.features } } };
}

export const facadesRunner: AnalysisRunner<'facades'> = {
  run: (ctx, p) =>
    runFacades(
      ctx,
      {
        date: p.date,
        startMinute: minuteOfDay(p.start ?? '08:00'),
        endMinute: minuteOfDay(p.end ?? '16:00'),
        stepMinutes: p.stepMinutes ?? 10,
        buildings: p.buildings,
        radius: p.radius ?? 100,
      },
      'facades',
    ),
  compare: compareFloors,
};

/** The rule's own window: 08:00-16:00 KST in 10-minute steps. */
export const rightToLightRunner: AnalysisRunner<'rightToLight'> = {
  run: (ctx, p) =>
    runFacades(
      ctx,
      {
        date: p.date,
        startMinute: RIGHT_TO_LIGHT_RULES.total.fromMinute,
        endMinute: RIGHT_TO_LIGHT_RULES.total.toMinute,
        stepMinutes: 10,
        buildings: p.buildings,
        radius: p.radius ?? 100,
      },
      'right-to-light',
    ),
  compare: compareFloors,
};
