// Hydrant coverage and fire-hazard ranking of an area's buildings (declarations:
// common/analyses/fireCoverage.ts, hazardRanking.ts), the page's fire layer engines on the build's
// footprints and hydrant layer, read through workers/data.
import { HAZARD_HALO_M } from '../../common/analyses/hazardRanking.js';
import type { Row } from '../../common/tableFormats.js';
import { computeCoverage, type CoverageResult } from '../fire/coverage.js';
import { rankHazard, useRisk } from '../fire/hazard.js';
import { ZONE_CODES, zoneCode, zoneForUse } from '../fire/zoneRule.js';
import { beforeAfterFacts, ringPolygon, round, type AnalysisRunner } from './analysisRunner.js';
import { areaBuildings, type AreaBuildings } from './areaBuildings.js';
import type { VariantOutputs } from './declaredRun.js';
import type { RunContext } from './runContext.js';

const HYDRANTS = 'fire-hydrants';

interface Covered {
  b: AreaBuildings;
  zones: Uint8Array;
  coverage: CoverageResult;
  facilityNo: (index: number) => string;
}

async function coverageOf(ctx: RunContext, label: string, haloM: number): Promise<Covered | VariantOutputs> {
  const footprints = await ctx.city.footprints();
  if (!footprints) return { problems: [`${label}: the city build has no footprints file; skipped`] };
  const hydrants = await ctx.city.pointLayer(HYDRANTS);
  if (!hydrants) return { problems: [`${label}: the city build has no hydrant layer (${HYDRANTS}); skipped`] };
  const b = areaBuildings(ctx, footprints, haloM);
  const zones = Uint8Array.from(b.uses, (u) => zoneCode(zoneForUse(u)));
  ctx.report(0.1, 'hydrant coverage');
  const coverage = computeCoverage({ hydrants: hydrants.lonLat, buildings: { offsets: b.offsets, lonLat: b.lonLat }, zones }, ctx.engineControl(0.1, 0.8));
  const numbers = (await hydrants.attributes())[hydrants.info.idColumn] ?? [];
  return { b, zones, coverage, facilityNo: (i) => (i >= 0 ? (numbers[i] ?? '') : '') };
}

export const fireCoverageRunner: AnalysisRunner<'fireCoverage'> = {
  async run(ctx) {
    const c = await coverageOf(ctx, 'hydrant coverage', 0);
    if (!('coverage' in c)) return c;
    const { b, zones, coverage } = c;
    const rows: Row[] = b.ids.map((id, i) => ({
      building_id: id,
      name: b.names[i],
      use: b.uses[i],
      zone_assumed: ZONE_CODES[zones[i]] ?? 'other',
      limit_m: coverage.limit[i],
      distance_m: Number.isFinite(coverage.distance[i]) ? round(coverage.distance[i], 1) : null,
      nearest_facility_no: c.facilityNo(coverage.nearest[i]),
      covered: coverage.covered[i] === 1,
    }));
    return {
      tables: { buildings: { rows, features: b.ids.map((_, i) => ({ geometry: ringPolygon(b.offsets, b.lonLat, i) })) } },
      facts: { buildings: b.ids.length, covered: coverage.coveredCount, gaps: coverage.gapCount },
      problems: b.problems.map((p) => `hydrant coverage: ${p}`),
    };
  },
  compare: (before, after) => ({ figures: beforeAfterFacts(before, after, ['buildings', 'covered', 'gaps']) }),
};

export const hazardRankingRunner: AnalysisRunner<'hazardRanking'> = {
  async run(ctx) {
    // The density factor counts neighbours within 50 m: buildings that far outside the area count too.
    const c = await coverageOf(ctx, 'hazard ranking', HAZARD_HALO_M);
    if (!('coverage' in c)) return c;
    const { b, coverage } = c;
    const h = rankHazard(
      {
        buildings: { offsets: b.offsets, lonLat: b.lonLat },
        height: Float32Array.from(b.heights),
        floors: Float32Array.from(b.floors),
        useRisk: Float32Array.from(b.uses, useRisk),
        hydrantDistance: coverage.distance,
        limit: coverage.limit,
      },
      ctx.engineControl(0.8, 1),
    );
    const ranked = [...h.order].filter((i) => b.inArea[i]);
    const f = (v: number) => round(v, 4);
    const rows: Row[] = ranked.map((i, k) => ({
      rank: k + 1,
      building_id: b.ids[i],
      name: b.names[i],
      use: b.uses[i],
      score: round(h.score[i], 2),
      height_factor: f(h.height[i]),
      floors_factor: f(h.floors[i]),
      use_factor: f(h.use[i]),
      hydrant_factor: f(h.hydrant[i]),
      density_factor: f(h.density[i]),
      neighbours: h.neighbours[i],
    }));
    return {
      tables: { ranking: { rows, features: ranked.map((i) => ({ geometry: ringPolygon(b.offsets, b.lonLat, i) })) } },
      facts: { buildings: ranked.length, topScore: rows.length ? (rows[0].score as number) : 0, topBuilding: rows.length ? String(rows[0].building_id) : '' },
      problems: b.problems.map((p) => `hazard ranking: ${p}`),
    };
  },
  compare: (before, after) => ({ figures: beforeAfterFacts(before, after, ['buildings', 'topScore', 'topBuilding']) }),
};
