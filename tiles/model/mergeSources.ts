// Merging building sources. Sources are taken in rank order (priority, then newer date, then the
// config's order). A building of a later source is the same as an earlier-kept building when
//   1. their ids are equal within one id scheme (OSM way ids across OSM files, the national
//      28-character building id across official files), else
//   2. their footprints share at least `minOverlap` (default half) of the smaller footprint.
// The earlier (higher-ranked) building is kept with its geometry and height; the later one is
// replaced and fills what the kept one lacks (fillAttributes.ts). A building matching nothing is
// kept as new. Per pair of sources the report counts kept, replaced and filled buildings.
import type { SourceAttributes } from '../readers/types.js';
import type { BuildLog, MergeReport, PairMergeCounts, SourceMergeCounts } from './cityModel.js';
import { fillAttributes, type FilledField } from './fillAttributes.js';
import { boxOverlapArea, FootprintIndex, LocalPlane, sharedArea, type MetricFootprint } from './footprintOverlap.js';
import type { ReadSource, SourceBuilding } from './readSources.js';

export const DEFAULT_MIN_OVERLAP = 0.5;
/** Shares below the match threshold but above this are counted as partial overlaps (both kept). */
const PARTIAL_OVERLAP = 0.1;
/** Recorded heights of one building differing by more than both of these are a conflict. */
const HEIGHT_CONFLICT_M = 3;
const HEIGHT_CONFLICT_SHARE = 0.2;

export interface Contribution {
  building: SourceBuilding;
  by: 'id' | 'overlap';
  /** Shared area / smaller footprint, 0-1 (also reported for id matches). */
  share: number;
  /** What it filled in the kept building's attributes. */
  filled: FilledField[];
}

export interface MergedBuilding {
  kept: SourceBuilding;
  /** Buildings of lower-ranked sources describing it, best first (source rank, id before overlap, larger share). */
  others: Contribution[];
  /** The kept building's attributes with the gaps filled from `others`. */
  attributes: SourceAttributes;
  /** The contribution the height came from; null: the kept building's own. */
  heightFrom: Contribution | null;
}

interface Entry {
  merged: MergedBuilding;
  footprint: MetricFootprint;
}

type PairState = PairMergeCounts & { keptSet: Set<Entry>; worst: { id: string; a: number; b: number } | null };

const differ = (a: number, b: number) => Math.abs(a - b) > Math.max(HEIGHT_CONFLICT_M, HEIGHT_CONFLICT_SHARE * Math.max(a, b));

/** The building with a recorded height nearest `h`, or null when none has one. */
function closestHeight(buildings: SourceBuilding[], h: number): { id: string; height: number } | null {
  let best: { id: string; height: number } | null = null;
  for (const b of buildings) {
    const height = recordedHeight(b);
    if (height !== null && (!best || Math.abs(height - h) < Math.abs(best.height - h))) best = { id: b.id, height };
  }
  return best;
}

/** Sources in rank order: priority (higher first), date (newer first, undated last), config order. */
export function rankSources(sources: readonly ReadSource[]): ReadSource[] {
  return [...sources].sort(
    (a, b) =>
      (b.config.priority ?? 0) - (a.config.priority ?? 0) ||
      (b.config.date ?? '').localeCompare(a.config.date ?? '') ||
      sources.indexOf(a) - sources.indexOf(b),
  );
}

function recordedHeight(b: SourceBuilding): number | null {
  const { height, floors } = b.attributes;
  if (height !== null && height > 0) return height;
  return floors !== null && floors > 0 ? floors * 3.3 : null;
}

export function mergeSources(sources: readonly ReadSource[], minOverlap: number, log: BuildLog): { buildings: MergedBuilding[]; report: MergeReport } {
  const ranked = rankSources(sources);
  // The plane's origin: any building's first vertex (shares are ratios; the origin only keeps numbers small).
  const first = ranked.find((s) => s.buildings.length)?.buildings[0].polygons[0][0][0] ?? [127, 37.55];
  const plane = new LocalPlane(first[0], first[1]);
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  const pairs = new Map<string, PairState>();
  const rankOfSource = new Map(ranked.map((s, rank) => [sources.indexOf(s), rank]));
  const counts: SourceMergeCounts[] = ranked.map((s, rank) => ({
    source: s.label,
    rank: rank + 1,
    priority: s.config.priority ?? 0,
    date: s.config.date ?? null,
    read: s.buildings.length,
    kept: 0,
    replaced: 0,
  }));
  const pairOf = (winner: SourceBuilding, other: SourceBuilding): PairState => {
    const key = `${winner.source}\0${other.source}`;
    let p = pairs.get(key);
    if (!p) {
      p = {
        winner: sources[winner.source].label,
        other: sources[other.source].label,
        kept: 0,
        replaced: 0,
        byId: 0,
        byOverlap: 0,
        filled: 0,
        filledFields: {},
        heightConflicts: 0,
        idWithoutOverlap: 0,
        partialOverlaps: 0,
        keptSet: new Set(),
        worst: null,
      };
      pairs.set(key, p);
    }
    return p;
  };

  ranked.forEach((source, rank) => {
    // Only buildings of higher-ranked sources are candidates: one source's own buildings are all distinct.
    const index = new FootprintIndex(entries.map((e, id) => ({ id, footprint: e.footprint })));
    const total = source.buildings.length;
    source.buildings.forEach((b, k) => {
      if (k % 2000 === 0) log.progress(`merge ${source.label}`, k, total);
      const footprint = plane.footprint(b.polygons);
      const matches: { entry: Entry; share: number; shared: number; by: Contribution['by'] }[] = [];
      const partial: Entry[] = [];
      const same = byId.get(b.id);
      if (same && same.merged.kept.source !== b.source) {
        const shared = sharedArea(footprint, same.footprint);
        matches.push({ entry: same, shared, share: shared / Math.min(footprint.area, same.footprint.area), by: 'id' });
      } else {
        for (const id of index.candidates(footprint)) {
          const e = entries[id];
          const smaller = Math.min(footprint.area, e.footprint.area);
          if (boxOverlapArea(footprint, e.footprint) < PARTIAL_OVERLAP * smaller) continue;
          const shared = sharedArea(footprint, e.footprint);
          if (shared >= minOverlap * smaller) matches.push({ entry: e, shared, share: shared / smaller, by: 'overlap' });
          else if (shared >= PARTIAL_OVERLAP * smaller) partial.push(e);
        }
      }
      if (!matches.length) {
        for (const e of partial) pairOf(e.merged.kept, b).partialOverlaps++;
        const entry: Entry = { merged: { kept: b, others: [], attributes: b.attributes, heightFrom: null }, footprint };
        entries.push(entry);
        if (!byId.has(b.id)) byId.set(b.id, entry);
        counts[rank].kept++;
        return;
      }
      counts[rank].replaced++;
      // The replaced building describes the one it shares most with; the others only count as kept.
      matches.sort((x, y) => y.shared - x.shared);
      const best = matches[0];
      best.entry.merged.others.push({ building: b, by: best.by, share: Math.min(1, best.share), filled: [] });
      if (!byId.has(b.id)) byId.set(b.id, best.entry);
      const pair = pairOf(best.entry.merged.kept, b);
      pair.replaced++;
      if (best.by === 'id') pair.byId++;
      else pair.byOverlap++;
      if (best.by === 'id' && best.shared === 0) pair.idWithoutOverlap++;
      for (const m of matches) pairOf(m.entry.merged.kept, b).keptSet.add(m.entry);
      // A conflict: no matched building of the winner has a height near this one's (one OSM tower
      // drawn over an official tower and its podium agrees with the tower).
      const h = recordedHeight(b);
      const closest =
        h === null
          ? null
          : closestHeight(
              matches.map((m) => m.entry.merged.kept),
              h,
            );
      if (h !== null && closest && differ(closest.height, h)) {
        pair.heightConflicts++;
        if (!pair.worst || Math.abs(closest.height - h) > Math.abs(pair.worst.a - pair.worst.b)) pair.worst = { id: closest.id, a: closest.height, b: h };
      }
    });
    log.progress(`merge ${source.label}`, total, total);
  });

  const rankOf = (c: Contribution) => rankOfSource.get(c.building.source) ?? 0;
  for (const { merged: m } of entries) {
    if (!m.others.length) continue;
    m.others.sort((x, y) => rankOf(x) - rankOf(y) || (x.by === y.by ? y.share - x.share : x.by === 'id' ? -1 : 1));
    const fill = fillAttributes(
      m.kept.attributes,
      m.others.map((o) => o.building.attributes),
    );
    m.attributes = fill.attributes;
    m.heightFrom = fill.heightFrom === null ? null : m.others[fill.heightFrom];
    for (const [k, fields] of fill.filled) {
      const o = m.others[k];
      o.filled = fields;
      const pair = pairOf(m.kept, o.building);
      pair.filled++;
      for (const f of fields) pair.filledFields[f] = (pair.filledFields[f] ?? 0) + 1;
    }
  }
  const pairList = [...pairs.values()].map(({ keptSet, worst, ...p }) => {
    p.kept = keptSet.size;
    reportPair(p, worst, log);
    return p;
  });
  reportUnmatchedSources(ranked, pairList, log);
  return {
    buildings: entries.map((e) => e.merged),
    report: {
      rule: `same building: equal ids within one id scheme, else footprints sharing at least ${Math.round(minOverlap * 100)} % of the smaller footprint; the higher-ranked source gives geometry and height, the others fill what it lacks`,
      minOverlap,
      sources: counts,
      pairs: pairList,
    },
  };
}

/** One line per pair with conflicts: the figures are in the report, the line says what to look at. */
function reportPair(p: PairMergeCounts, worst: { id: string; a: number; b: number } | null, log: BuildLog): void {
  const where = `${p.other} vs ${p.winner}`;
  if (p.heightConflicts && worst) {
    const problem = `${p.heightConflicts} of ${p.replaced} matched buildings disagree on height by more than ${HEIGHT_CONFLICT_M} m and ${HEIGHT_CONFLICT_SHARE * 100} % (${where}); kept ${p.winner}'s, largest: ${worst.id} ${round1(worst.a)} m vs ${round1(worst.b)} m`;
    log.issue({ file: p.other, featureId: '*', problem, action: 'note' });
  }
  if (p.idWithoutOverlap) {
    const problem = `${p.idWithoutOverlap} building(s) share an id with ${p.winner} but their footprints do not overlap (moved, rebuilt or an id reused); merged by id as configured`;
    log.issue({ file: p.other, featureId: '*', problem, action: 'note' });
  }
}

/**
 * A source that matched no building of any other source is probably misplaced (wrong crs) or a
 * different kind of data: one line each, saying whether it covers the same area as the others.
 */
function reportUnmatchedSources(ranked: readonly ReadSource[], pairs: PairMergeCounts[], log: BuildLog): void {
  const withBuildings = ranked.filter((s) => s.buildings.length);
  if (withBuildings.length < 2) return;
  const unmatched = withBuildings.filter((s) => !pairs.some((p) => p.replaced > 0 && (p.winner === s.label || p.other === s.label)));
  // When nothing matched at all, the best-ranked source is the reference the others are measured against.
  if (unmatched.length === withBuildings.length) unmatched.shift();
  for (const source of unmatched) {
    const read = source.buildings.length;
    const box = bboxOf(source.buildings);
    const others = withBuildings.filter((s) => s !== source);
    const overlapping = others.filter((s) => boxesTouch(box, bboxOf(s.buildings))).map((s) => s.label);
    const gapKm = Math.min(...others.map((s) => boxGapKm(box, bboxOf(s.buildings))));
    const problem = overlapping.length
      ? `none of its ${read} buildings matches a building of ${overlapping.join(', ')} by id or footprint although they cover the same area: wrong crs, or a different kind of data? All kept as separate buildings`
      : `none of its ${read} buildings matches another source's: it lies ${gapKm.toFixed(1)} km from the nearest other source (a separate area, or a wrong crs?). All kept`;
    log.issue({ file: source.label, featureId: '*', problem, action: 'note' });
  }
}

function bboxOf(buildings: SourceBuilding[]): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const bd of buildings)
    for (const [x, y] of bd.polygons[0][0]) {
      b[0] = Math.min(b[0], x);
      b[1] = Math.min(b[1], y);
      b[2] = Math.max(b[2], x);
      b[3] = Math.max(b[3], y);
    }
  return b;
}

const boxesTouch = (a: number[], b: number[]) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Shortest distance between two lon/lat boxes, km (0 when they touch). */
function boxGapKm(a: number[], b: number[]): number {
  const dLon = Math.max(0, a[0] - b[2], b[0] - a[2]);
  const dLat = Math.max(0, a[1] - b[3], b[1] - a[3]);
  const kx = 111.32 * Math.cos((((a[1] + a[3]) / 2) * Math.PI) / 180);
  return Math.hypot(dLon * kx, dLat * 111.13);
}
const round1 = (v: number) => Math.round(v * 10) / 10;
