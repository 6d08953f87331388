// The Korean hydrant-spacing rule (소방용수시설 설치기준, 소방기본법 시행규칙 별표 3): every point
// must be within 100 m of a fire-water facility in residential, commercial and industrial zones,
// 140 m elsewhere. Zoning (용도지역) is NOT in our data, so the zone is ASSUMED from the building's
// use (OSM building=*, a Korean use name or a national use code). This assumption is shown to
// users with each result.
import { nationalUseCode, type NationalUseCode } from '../../common/buildingUses.js';

export type ZoneClass = 'residential' | 'commercial' | 'industrial' | 'other';

/** Zone code stored per building in typed arrays. */
export const ZONE_CODES: readonly ZoneClass[] = ['residential', 'commercial', 'industrial', 'other'];

export const ZONE_LIMIT_M: Record<ZoneClass, number> = { residential: 100, commercial: 100, industrial: 100, other: 140 };

export const ZONE_ASSUMPTION_NOTE =
  'Zoning is not in the data: the zone is assumed from the building use (residential, commercial, industrial uses → 100 m; others and unknown uses → 140 m).';

const RESIDENTIAL =
  /^(residential|apartments?|house|detached|semidetached_house|terrace|dormitory|bungalow|cabin|farm|houseboat|static_caravan)$|주택|아파트|공동주택|단독|다세대|연립|다가구|기숙사/;
const COMMERCIAL =
  /^(commercial|retail|office|hotel|kiosk|supermarket|shop|mall|department_store|bank|restaurant)$|상업|판매|근린생활|업무|숙박|위락|금융|시장/;
const INDUSTRIAL = /^(industrial|warehouse|factory|manufacture|storage_tank|hangar|depot)$|공장|창고|산업|위험물|자동차관련/;

/**
 * The zone each national main use (건축법 시행령 별표 1, common/buildingUses.ts) usually stands in:
 * homes in residential zones; neighbourhood facilities, sales, offices, lodging and amusement in
 * commercial ones; factories, warehouses, hazardous materials, vehicle facilities, recycling and
 * power plants in industrial ones; the rest (public, cultural, religious …) is "other".
 */
const ZONE_BY_NATIONAL_USE: Record<NationalUseCode, ZoneClass> = {
  '01000': 'residential',
  '02000': 'residential',
  '03000': 'commercial',
  '04000': 'commercial',
  '05000': 'other',
  '06000': 'other',
  '07000': 'commercial',
  '08000': 'other',
  '09000': 'other',
  '10000': 'other',
  '11000': 'other',
  '12000': 'other',
  '13000': 'other',
  '14000': 'commercial',
  '15000': 'commercial',
  '16000': 'commercial',
  '17000': 'industrial',
  '18000': 'industrial',
  '19000': 'industrial',
  '20000': 'industrial',
  '21000': 'other',
  '22000': 'industrial',
  '23000': 'other',
  '24000': 'other',
  '25000': 'industrial',
  '26000': 'other',
  '27000': 'other',
  '28000': 'other',
  '29000': 'other',
};

/** The zone class assumed for a use value ('' or 'yes' → other: we do not know). */
export function zoneForUse(use: string): ZoneClass {
  const code = nationalUseCode(use);
  if (code) return ZONE_BY_NATIONAL_USE[code];
  const u = use.trim().toLowerCase();
  if (RESIDENTIAL.test(u)) return 'residential';
  if (COMMERCIAL.test(u)) return 'commercial';
  if (INDUSTRIAL.test(u)) return 'industrial';
  return 'other';
}

export function zoneCode(zone: ZoneClass): number {
  return ZONE_CODES.indexOf(zone);
}

export function limitForZoneCode(code: number): number {
  return ZONE_LIMIT_M[ZONE_CODES[code] ?? 'other'];
}
