// Maps source attribute names to SourceAttributes. The default candidates cover the files in
// ../shared/data (OSM-derived GeoJSON), OSM tags, and common Korean building layers:
// 도로명주소 건물 (TL_SPBD_BULD: BULD_NM, GRO_FLO_CO), 건축물대장-style exports (BLD_NM, HEIGHT,
// GRND_FLR, heit, grndFlrCnt) and Seoul building layers (DGM_NM). Layers with positional field
// names such as GIS건물통합정보 AL_D010 (A0..A28) must name their fields in the sources config
// (fields: { height: 'A16', ... } per the layout document shipped with the data). National use
// codes (USABILITY, mainPurpsCd: '02000') become the readable use "공동주택 (02000)".
import { nationalUseFromCode } from '../../common/buildingUses.js';
import type { FieldMap, SourceAttributes } from './types.js';

const DEFAULTS: Record<keyof FieldMap, string[]> = {
  height: ['height_m', 'height', 'HEIGHT', 'heit', 'HEIT', 'BLD_HGT'],
  floors: ['levels', 'building:levels', 'floors', 'GRND_FLR', 'GRO_FLO_CO', 'grndFlrCnt', 'FLOORS'],
  name: ['name', 'BLD_NM', 'BULD_NM', 'bldNm', 'NAME'],
  use: ['building', 'kind', 'USE', 'DGM_NM', 'MAIN_PURPS', 'mainPurpsCdNm', 'USABILITY', 'mainPurpsCd', 'BDTYP_CD'],
  id: ['osm_id', 'id', 'ID', 'UFID', 'BD_MGT_SN', 'fid'],
  minHeight: ['min_height_m', 'min_height', 'minHeight'],
  basementFloors: ['UGRND_FLR', 'UGRND_FLO_CO', 'ugrndFlrCnt', 'building:levels:underground'],
};

function candidates(user: string | string[] | undefined, fallback: string[]): string[] {
  if (user === undefined) return fallback;
  return Array.isArray(user) ? user : [user];
}

function pick(props: Record<string, unknown>, names: string[]): unknown {
  for (const n of names) {
    const v = props[n];
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return v;
  }
  return undefined;
}

/** Numbers as numbers; numeric strings such as "12.5", "12.5 m" or "12,5" parsed; anything else null. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const m = /^\s*(-?\d+(?:[.,]\d+)?)\s*(m|M|층)?\s*$/.exec(v);
    if (m) return Number(m[1].replace(',', '.'));
  }
  return null;
}

function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return String(v).trim();
}

export function mapAttributes(props: Record<string, unknown>, fields: FieldMap = {}): SourceAttributes & { id: string | null } {
  const id = pick(props, candidates(fields.id, DEFAULTS.id));
  const basis = props['height_basis'];
  const area = props['area'];
  const use = pick(props, candidates(fields.use, DEFAULTS.use));
  return {
    id: id === undefined ? null : toText(id),
    name: toText(pick(props, candidates(fields.name, DEFAULTS.name))),
    use: nationalUseFromCode(use) ?? toText(use),
    height: toNumber(pick(props, candidates(fields.height, DEFAULTS.height))),
    floors: toNumber(pick(props, candidates(fields.floors, DEFAULTS.floors))),
    minHeight: toNumber(pick(props, candidates(fields.minHeight, DEFAULTS.minHeight))),
    basementFloors: toNumber(pick(props, candidates(fields.basementFloors, DEFAULTS.basementFloors))),
    heightBasis: typeof basis === 'string' ? basis : null,
    area: typeof area === 'string' && area ? area : null,
  };
}
