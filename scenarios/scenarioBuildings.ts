// The per-building parts of a scenario run: visible target shares per floor of the observer's
// building (Han River, Namsan, Bukhansan), and facade sunlight with the right-to-light test per
// floor of the buildings around the proposals.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FootprintsFile } from '../common/buildFormat.js';
import { fromWgs84 } from '../common/crs.js';
import type { ApplyProposalsResult } from '../workers/planning/applyProposals.js';
import { computeTargetShares } from '../workers/view/targetShares.js';
import { facadeSun, type FacadeFloor, type FacadeSunResult } from '../workers/sun/facadeSun.js';
import { toLonLat } from '../workers/planning/proposalGeometry.js';
import { footprintAt, footprintOf } from '../workers/planning/footprintLookup.js';
import { defaultViewTargets } from '../workers/view/viewTargets.js';
import { rowsToCsv, rowsToGeoJson, type Row } from '../common/tableFormats.js';
import type { ScenarioCity } from './scenarioCity.js';
import type { AnalysisSummary, AreaWindow } from './analysisSummary.js';
import type { RightToLightAnalysis, Scenario, ViewshedAnalysis } from '../common/scenario/scenarioFormat.js';

export async function runTargetShares(
  spec: ViewshedAnalysis,
  city: ScenarioCity,
  win: AreaWindow,
  after: ApplyProposalsResult,
  outDir: string,
  prefix: string,
  summary: AnalysisSummary,
): Promise<void> {
  const footprints = await city.footprints();
  if (!footprints) {
    summary.problems.push('target shares: the city build has no footprints file; skipped');
    return;
  }
  const [x, y] = fromWgs84('EPSG:5186', spec.observer[0], spec.observer[1]);
  const building = footprintAt(footprints, x, y);
  if (!building) {
    summary.problems.push('target shares: the observer is not inside a building footprint, so there are no floors to list; skipped');
    return;
  }
  const water = await city.layer('water');
  const issues: string[] = [];
  const targets = defaultViewTargets((water ?? { features: [] }) as never, { onIssue: (m) => issues.push(m) });
  if (issues.length) summary.problems.push(`target shares: ${issues.length} water features not used (first: ${issues[0]})`);
  const input = { building: { ring: building.ring, height: building.height, floors: building.floors || undefined }, window: { x, y }, targets };
  const before = computeTargetShares({ dsm: win.surface, ...input });
  const afterShares = computeTargetShares({ dsm: after.dsm, ...input });
  const rows: Row[] = before.rows.map((r, i) => {
    const row: Row = { building: building.id, floor: r.label, eyeZ: Math.round(r.z * 100) / 100 };
    before.targets.forEach((t, k) => {
      row[`${t} before`] = r.shares[k];
      row[`${t} after`] = afterShares.rows[i].shares[k];
      row[`${t} change`] = afterShares.rows[i].shares[k] - r.shares[k];
    });
    return row;
  });
  await writeFile(path.join(outDir, `${prefix}-targetShares.csv`), rowsToCsv(rows));
  summary.files.push(`${prefix}-targetShares.csv`);
  const han = before.targets.indexOf(before.targets.find((t) => /han/i.test(t)) ?? '');
  if (han >= 0) {
    let worst = 0;
    for (let i = 0; i < before.rows.length; i++) worst = Math.min(worst, afterShares.rows[i].shares[han] - before.rows[i].shares[han]);
    summary.figures.observerBuilding = building.id;
    summary.figures.largestHanRiverShareLoss = Math.round(-worst * 10000) / 10000;
  }
  summary.problems.push(...before.notes.filter((n) => n.startsWith('floor count')).map((n) => `target shares: ${n}`));
}

/** Buildings whose footprint comes within `radius` metres of a proposal's footprint (vertex distance). */
export function buildingsNear(f: FootprintsFile, prisms: ApplyProposalsResult['prisms'], radius: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < f.ids.length; i++) {
    const b = footprintOf(f, i);
    const near = prisms.some((p) => p.ring.some(([px, py]) => b.ring.some(([x, y]) => Math.hypot(x - px, y - py) <= radius)));
    if (near) out.push(b.id);
  }
  return out;
}

/** One comparison row per building, facade and floor: right-to-light before and after. */
export function rightToLightRows(before: FacadeSunResult, after: FacadeSunResult): Row[] {
  const key = (f: FacadeFloor) => `${f.building}|${f.facade}|${f.floor}`;
  const afterByKey = new Map(after.floors.map((f) => [key(f), f]));
  return before.floors.map((b) => {
    const a = afterByKey.get(key(b));
    return {
      building: b.building,
      facade: b.facade,
      floor: b.floor,
      facing: Math.round(b.facing),
      hoursBefore: b.hours,
      hoursAfter: a?.hours ?? null,
      passBefore: b.rightToLight.pass,
      passAfter: a?.rightToLight.pass ?? null,
      losesCompliance: a ? b.rightToLight.pass && !a.rightToLight.pass : null,
      longestRunMinutesAfter: a?.rightToLight.longestContinuousMinutes ?? null,
      totalMinutesAfter: a?.rightToLight.totalMinutes ?? null,
    };
  });
}

export async function runRightToLight(
  spec: RightToLightAnalysis,
  scenario: Scenario,
  city: ScenarioCity,
  win: AreaWindow,
  after: ApplyProposalsResult,
  outDir: string,
  prefix: string,
  summary: AnalysisSummary,
): Promise<void> {
  void win;
  const footprints = await city.footprints();
  if (!footprints) {
    summary.problems.push('right-to-light: the city build has no footprints file; skipped');
    return;
  }
  const buildings = spec.buildings ?? buildingsNear(footprints, after.prisms, spec.radius ?? 100);
  if (!buildings.length) {
    summary.problems.push('right-to-light: no buildings to analyse (none listed and none near a proposal)');
    return;
  }
  // The rule is defined on the winter solstice between 08:00 and 16:00 KST.
  const window = { date: spec.date, startMinute: 8 * 60, endMinute: 16 * 60, stepMinutes: 10 };
  const buildUrl = pathToFileURL(`${path.resolve(city.dir)}/`).href;
  const before = await facadeSun({ buildUrl, buildings, ...window });
  const afterSun = await facadeSun({ buildUrl, buildings, proposals: after.prisms, ...window });
  const rows = rightToLightRows(before, afterSun);
  await writeFile(path.join(outDir, `${prefix}.csv`), rowsToCsv(rows));
  summary.files.push(`${prefix}.csv`);
  const features = before.floors.map((f, i) => ({
    geometry: { type: 'LineString' as const, coordinates: [toLonLat([f.x0, f.y0]), toLonLat([f.x1, f.y1])] },
    properties: { ...rows[i], zBottom: f.zBottom, zTop: f.zTop },
  }));
  await writeFile(path.join(outDir, `${prefix}.geojson`), rowsToGeoJson(features));
  summary.files.push(`${prefix}.geojson`);
  const losing = rows.filter((r) => r.losesCompliance === true);
  Object.assign(summary.figures, {
    buildings: buildings.length,
    floorsAnalysed: rows.length,
    failingBefore: rows.filter((r) => r.passBefore === false).length,
    failingAfter: rows.filter((r) => r.passAfter === false).length,
    floorsLosingCompliance: losing.length,
  });
  if (losing.length)
    summary.figures.losing =
      losing
        .slice(0, 20)
        .map((r) => `${String(r.building)} facade ${String(r.facade)} floor ${String(r.floor)}`)
        .join('; ') + (losing.length > 20 ? ` and ${losing.length - 20} more (see CSV)` : '');
  summary.problems.push(...before.problems.map((p) => `right-to-light: ${p}`));
  void scenario;
}
