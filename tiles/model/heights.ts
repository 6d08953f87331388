// Building heights by the Korean rule (DESIGN.md §3): a measured height, else floors x 3.3 m, else a
// default by use. The source of every height is recorded (heightSource + heightNote) and shown.
import type { HeightSource } from '../../common/buildFormat.js';
import { STOREY_HEIGHT_M } from '../../common/buildingEdits.js';
import type { SourceAttributes } from '../readers/types.js';

/** Storey height used for floors-based heights (common/buildingEdits.ts: citizen floor edits use it too). */
export const FLOOR_HEIGHT_M = STOREY_HEIGHT_M;

/** Slab thickness given to roof canopies (building=roof) that have no min_height. */
export const CANOPY_THICKNESS_M = 0.5;

/**
 * The tallest plausible building: Seoul's tallest, Lotte World Tower, is 555 m above ground with 123
 * floors (Korea has nothing taller). A source value above these limits is a unit or typing error or a
 * placeholder (1,000,000 m, 99,999 floors): reported, never built as measured; the height then comes
 * from the next source of height (floors, another source's record, the default by use).
 */
export const MAX_PLAUSIBLE_HEIGHT_M = 600;
export const MAX_PLAUSIBLE_FLOORS = 150;

/** A recorded height that can be trusted: positive and at most MAX_PLAUSIBLE_HEIGHT_M. */
export const plausibleHeight = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0 && v <= MAX_PLAUSIBLE_HEIGHT_M;
/** A recorded floor count that can be trusted: positive and at most MAX_PLAUSIBLE_FLOORS. */
export const plausibleFloors = (v: number | null | undefined): v is number => v !== null && v !== undefined && v > 0 && v <= MAX_PLAUSIBLE_FLOORS;

/** The source's height and floors that are too large to be true, as report text ('height 1000000 m (above 600 m)'). */
export function implausibleValues(a: Pick<SourceAttributes, 'height' | 'floors'>): string[] {
  const out: string[] = [];
  if (a.height !== null && a.height > MAX_PLAUSIBLE_HEIGHT_M) out.push(`height ${a.height} m (above ${MAX_PLAUSIBLE_HEIGHT_M} m)`);
  if (a.floors !== null && a.floors > MAX_PLAUSIBLE_FLOORS) out.push(`${a.floors} floors (above ${MAX_PLAUSIBLE_FLOORS})`);
  return out;
}

interface UseDefault {
  /** OSM building=* values (exact) and Korean use names (matched as substrings). */
  osm: string[];
  ko: string[];
  floors: number;
  /** Overrides floors x 3.3 m where the use has tall single storeys (churches, factories). */
  height?: number;
}

/**
 * Defaults by use. These are ASSUMPTIONS, not measurements, and every building that gets one says
 * so in its heightNote. Korean names follow the use groups of 건축법 시행령 별표 1 (용도별 건축물의
 * 종류); floor counts are typical values we chose for Seoul: most of the city's buildings are
 * low-rise (1-4 storey 단독/다가구/근린생활 buildings), 아파트 are by definition (주택법) 5+ storeys
 * and Seoul complexes are usually 12-25, so 15 is used. Refine with measured data when available.
 */
const USE_DEFAULTS: UseDefault[] = [
  { osm: ['roof', 'carport'], ko: ['캐노피', '차양'], floors: 1, height: 4 },
  { osm: ['apartments'], ko: ['아파트'], floors: 15 },
  { osm: ['house', 'detached', 'semidetached_house', 'bungalow'], ko: ['단독주택'], floors: 2 },
  { osm: ['residential', 'terrace', 'dormitory'], ko: ['다세대', '다가구', '연립', '공동주택', '기숙사'], floors: 4 },
  { osm: ['office'], ko: ['업무시설'], floors: 8 },
  { osm: ['hotel'], ko: ['숙박시설', '호텔'], floors: 10 },
  { osm: ['hospital'], ko: ['의료시설', '병원'], floors: 6 },
  { osm: ['school', 'university', 'college', 'kindergarten'], ko: ['교육연구', '학교', '유치원'], floors: 4 },
  { osm: ['public', 'civic', 'government', 'townhall', 'fire_station'], ko: ['공공업무', '관공서', '청사'], floors: 5 },
  { osm: ['commercial', 'retail', 'supermarket'], ko: ['근린생활', '판매시설', '상가', '시장'], floors: 4 },
  { osm: ['church', 'cathedral', 'chapel', 'temple', 'mosque', 'shrine', 'religious'], ko: ['종교시설', '교회', '성당', '사찰'], floors: 1, height: 10 },
  { osm: ['industrial', 'warehouse', 'manufacture'], ko: ['공장', '창고'], floors: 1, height: 8 },
  { osm: ['parking'], ko: ['주차장'], floors: 4 },
  { osm: ['garage', 'garages', 'shed', 'hut', 'kiosk', 'toilets', 'cabin'], ko: ['화장실', '매점'], floors: 1, height: 3 },
  { osm: ['traditional', 'gate', 'pavilion'], ko: ['한옥', '문화재', '누각', '정자'], floors: 1, height: 6 },
];
/** building=yes and unknown uses: 3 storeys, the typical low-rise Seoul building (assumption). */
const GENERIC_DEFAULT: UseDefault = { osm: ['yes'], ko: [], floors: 3 };

export function defaultForUse(use: string): { floors: number; height: number; matched: string } {
  const u = use.trim();
  const lower = u.toLowerCase();
  const d = USE_DEFAULTS.find((e) => e.osm.includes(lower)) ?? USE_DEFAULTS.find((e) => e.ko.some((k) => u.includes(k))) ?? GENERIC_DEFAULT;
  return { floors: d.floors, height: d.height ?? round(d.floors * FLOOR_HEIGHT_M), matched: d === GENERIC_DEFAULT ? 'generic' : u };
}

export interface HeightDecision {
  height: number;
  minHeight: number;
  floors: number;
  heightSource: HeightSource;
  heightNote: string;
  /** Source values that were ignored as implausible (reported as issues by the caller). */
  problems: string[];
}

const round = (v: number) => Math.round(v * 1000) / 1000;
const floorsText = (n: number) => `${n} floor${n === 1 ? '' : 's'}`;
const isCanopy = (use: string) => use.toLowerCase() === 'roof';

export function decideHeight(a: SourceAttributes): HeightDecision {
  const problems: string[] = [];
  const floorsGiven = plausibleFloors(a.floors) ? Math.round(a.floors) : null;
  if (a.floors !== null && !(a.floors > 0)) problems.push(`floors ${a.floors} is not positive; ignored`);
  let height: number;
  let floors = floorsGiven ?? 0;
  let heightSource: HeightSource;
  let heightNote: string;
  const measured = plausibleHeight(a.height) ? a.height : null;
  if (a.height !== null && !(a.height > 0)) problems.push(`height ${a.height} m is not positive; ignored`);
  const implausible = implausibleValues(a);

  if (measured !== null && a.heightBasis === 'levels_x_3.2_probable') {
    // dron_lab computed this height as levels x 3.2 m: a floor count in disguise, not a measurement.
    floors = floorsGiven ?? Math.max(1, Math.round(measured / 3.2));
    height = round(floors * FLOOR_HEIGHT_M);
    heightSource = 'floors';
    heightNote = `${floorsText(floors)} x ${FLOOR_HEIGHT_M} m (source height ${measured} m was derived as levels x 3.2 m, not measured)`;
  } else if (measured !== null) {
    height = round(measured);
    heightSource = 'measured';
    heightNote =
      a.heightBasis === 'ambiguous_osm_tag_or_levels_x_3.2'
        ? 'OSM height tag (value is a multiple of 3.2 m: possibly derived from levels)'
        : a.heightBasis === 'osm_height_tag'
          ? 'OSM height tag'
          : 'source height field';
  } else if (floorsGiven !== null) {
    height = round(floorsGiven * FLOOR_HEIGHT_M);
    heightSource = 'floors';
    heightNote = `${floorsText(floorsGiven)} x ${FLOOR_HEIGHT_M} m`;
  } else {
    const d = defaultForUse(a.use);
    height = d.height;
    heightSource = 'default-by-use';
    heightNote =
      d.matched === 'generic'
        ? `default for ${a.use ? `use "${a.use}"` : 'unknown use'}: ${floorsText(d.floors)} x ${FLOOR_HEIGHT_M} m (assumed)`
        : `default for use "${a.use}": ${d.height} m (assumed)`;
  }

  if (implausible.length) {
    const rejected = implausible.join(' and ');
    const from = { measured: 'the source height', floors: 'the floors', 'default-by-use': 'the default by use', 'citizen-edit': 'a citizen edit' }[
      heightSource
    ];
    problems.push(`${rejected} implausible: not trusted as measured; built ${height} m from ${from}`);
    heightNote += `; source ${rejected} ignored as implausible`;
  }

  let minHeight = 0;
  if (a.minHeight !== null && a.minHeight > 0) {
    if (a.minHeight < height) minHeight = round(a.minHeight);
    else problems.push(`min_height ${a.minHeight} m is not below height ${height} m; ignored`);
  }
  if (isCanopy(a.use) && minHeight === 0) {
    // building=roof is a roof on pillars (petrol stations, walkways, plazas): drawing it as a solid
    // block from the ground would hide the street below and block sunlight/wind analyses, so it
    // becomes a thin slab at its top height.
    minHeight = round(Math.max(0, height - CANOPY_THICKNESS_M));
    heightNote += `; roof canopy drawn as a ${CANOPY_THICKNESS_M} m slab`;
  } else if (minHeight > 0) heightNote += `; starts ${minHeight} m above ground (min_height)`;
  return { height, minHeight, floors, heightSource, heightNote, problems };
}
