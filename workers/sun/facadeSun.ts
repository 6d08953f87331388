// Sunlight on building facades, per floor: for each chosen building, every wall segment of its
// footprint is cut into floors; points on each floor (every `spacing` m, `offset` m in front of the
// wall, at mid-floor height) cast a ray toward the sun at each time step against the 3D city
// (workers/geometry/cityMesh.ts: the tileset Cesium draws, plus proposal prisms). Steps with the
// sun below the horizon or behind the facade are unlit without a ray.
//
// INPUT (FacadeSunInput)
//   buildUrl     city build root URL ending in '/': http(s) in a browser worker (the host's build
//                URL), file: in Node. manifest.json names the tileset and the footprints file.
//   buildings    building ids (tileset/footprints "id") and/or proposal ids to analyse
//   targets      extra facade sources given directly (ring in EPSG:5186), e.g. for tests
//   proposals    prisms { ring (EPSG:5186), base, top (orthometric m), id?, floors? } added to the
//                city (workers/planning/applyProposals.ts makes them); remove: building ids to drop
//   rows         [start, end) of the combined list (buildings, then targets): the part this worker
//                computes (workers/pool splits this way; results concatenate in order)
//   date/startMinute/endMinute/stepMinutes: as groundSunHours (KST, default winter solstice,
//                whole day, 10 min); spacing (2 m), offset (0.1 m), keepSteps (true)
//   reachM       only tiles within this many metres of the requested buildings are loaded
//                (default 2000: a 100 m tower's shadow reaches ~1.1 km at 5 degrees of sun)
//   terrain      let the build's terrain shade too (default true when the build has terrain);
//                terrain only counts beyond TERRAIN_NEAR_M from the wall (its triangles are ~30 m)
// OUTPUT (FacadeSunResult)
//   floors       one row per building x facade x floor: segment ends (EPSG:5186), heights, facing
//                (grid azimuth of the outward normal), sample count, sunlit hours (mean over the
//                samples), litHours (steps where at least half the samples are lit) and the Korean
//                right-to-light verdict on that series (workers/sun/rightToLight.ts)
//   sunlitPercent (keepSteps) Uint8Array, floors x steps: % of the floor's samples lit per step
//   failing      indices into floors that fail right-to-light
//   steps        the sun per step (groundSunHours' SunStep); problems: requests that could not be
//                analysed (unknown id, no geometry), one line each
// Splitting: pass `height: buildings.length + targets.length` and `merge: mergeFacadeSun` to the
// pool (workers/pool): parts are ranges of the building list, not raster rows.
//
// Why 3D rays here and not the surface model: a facade is vertical and a DSM holds one height per
// cell, so it cannot tell which floor of a wall a shadow reaches; the mesh can.
import { EngineRun, type EngineControl } from '../engineControl.js';
import { cachedCityMesh, type CachedCity } from '../geometry/cityMeshCache.js';
import { grid5186ToLonLat, lonLatTo5186 } from '../geometry/grid5186.js';
import type { ProposalPrism } from '../geometry/prisms.js';
import { readBytes, readJson, versionedReader, withVersion, type ReadBytes } from '../data/cityFiles.js';
import type { CityManifest, FootprintsFile } from '../../common/buildFormat.js';
import { DEFAULT_SAMPLES, facadesOf, floorSamples, type Facade, type FacadeTarget } from './facadeGeometry.js';
import { sunSteps, sunWindow, type SunStep } from './groundSunHours.js';
import { rightToLight, type RightToLightResult } from './rightToLight.js';
import { enuFromAzEl } from './sunPosition.js';

/** Default storey height when a building has no floor count (the pipeline's floors x 3.3 m). */
export const STOREY_M = 3.3;
/** Terrain closer than this to a sample point is not trusted to shade it (coarse triangles). */
export const TERRAIN_NEAR_M = 30;
export const DEFAULT_REACH_M = 2000;

export interface FacadeSunInput {
  buildUrl?: string;
  buildings?: string[];
  /** Facade sources given directly: ring in EPSG:5186, base/top orthometric, floors. */
  targets?: FacadeTarget[];
  proposals?: ProposalPrism[];
  remove?: string[];
  rows?: [number, number];
  date?: string;
  startMinute?: number;
  endMinute?: number;
  stepMinutes?: number;
  spacing?: number;
  offset?: number;
  keepSteps?: boolean;
  terrain?: boolean;
  reachM?: number;
  deltaT?: number;
  /** Node only (not cloneable): how to read build files; default fetch / node:fs by URL scheme. */
  read?: ReadBytes;
}

export interface FacadeFloor {
  building: string;
  facade: number;
  floor: number;
  /** Segment ends, EPSG:5186. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Orthometric bottom and top of the floor. */
  zBottom: number;
  zTop: number;
  /** Grid azimuth the facade faces (degrees clockwise from grid north). */
  facing: number;
  samples: number;
  /** Mean sunlit hours over the samples. */
  hours: number;
  /** Hours of the steps in which at least half the samples are lit (the series the rule reads). */
  litHours: number;
  rightToLight: RightToLightResult;
}

export interface FacadeSunResult {
  date: string;
  startMinute: number;
  stepMinutes: number;
  steps: SunStep[];
  floors: FacadeFloor[];
  sunlitPercent?: Uint8Array;
  failing: Uint32Array;
  problems: string[];
  /** Rays cast (buildings and terrain). */
  rays: number;
  /** Whether the terrain shaded too. */
  terrain: boolean;
  skippedShortFacades: number;
  rows: [number, number];
}

export async function facadeSun(input: FacadeSunInput, control?: EngineControl): Promise<FacadeSunResult> {
  const run = new EngineRun('facadeSun', control);
  const window = sunWindow(input);
  const samplesOpts = { spacing: input.spacing ?? DEFAULT_SAMPLES.spacing, offset: input.offset ?? DEFAULT_SAMPLES.offset };
  if (!(samplesOpts.spacing > 0) || !(samplesOpts.offset > 0))
    throw new Error(`facadeSun: spacing ${samplesOpts.spacing} and offset ${samplesOpts.offset} must be positive`);
  const problems: string[] = [];
  const buildings = input.buildings ?? [];
  const targets = input.targets ?? [];
  const total = buildings.length + targets.length;
  const [r0, r1] = input.rows ?? [0, total];
  if (!(Number.isInteger(r0) && Number.isInteger(r1) && 0 <= r0 && r0 <= r1 && r1 <= total)) {
    throw new Error(`facadeSun: rows [${r0}, ${r1}) are not a part of the ${total} requested buildings`);
  }

  run.report(0, 'loading the 3D city');
  let tilesetUrl: string | undefined;
  let read = input.read;
  let terrainUrl: string | undefined;
  let footprints: FootprintsFile | null = null;
  if (input.buildUrl) {
    const base = input.buildUrl.endsWith('/') ? input.buildUrl : `${input.buildUrl}/`;
    const manifest = await readJson<CityManifest>(new URL('manifest.json', base).href, input.read);
    // Over HTTP every file carries the build time as ?v= (as the renderer's cityFileUrl does), so a
    // rebuilt city never mixes with cached tiles, and the worker's mesh cache keys change with it.
    read = versionedReader(input.read ?? readBytes, manifest.builtAt);
    tilesetUrl = withVersion(new URL(manifest.tileset, base).href, manifest.builtAt);
    if (manifest.terrain && input.terrain !== false) terrainUrl = new URL(`${manifest.terrain.path.replace(/\/$/, '')}/layer.json`, base).href;
    // Footprints of the whole request (not only this part), so every part loads the same tiles.
    const proposalIds = new Set((input.proposals ?? []).map((p, i) => p.id ?? `proposal:${i}`));
    if (buildings.some((id) => !proposalIds.has(id))) {
      if (!manifest.footprints) throw new Error(`${base}manifest.json: this build has no footprints file (rebuild the city to analyse facades)`);
      footprints = await readJson<FootprintsFile>(new URL(manifest.footprints.path, base).href, read);
    }
  }
  const region = input.buildUrl ? requestRegion(input, footprints, input.reachM ?? DEFAULT_REACH_M) : undefined;
  const city = await cachedCityMesh({ tilesetUrl, terrainUrl, region, proposals: input.proposals, remove: input.remove, read, origin: frameOrigin(input) });
  const { mesh, caster, terrain } = city;
  run.report(0.05, 'facades');

  // Resolve this part's buildings to facade targets in the mesh frame.
  const footprintIndex = new Map<string, number>();
  footprints?.ids.forEach((id, i) => footprintIndex.set(id, i));
  const resolved: FacadeTarget[] = [];
  for (let k = r0; k < r1; k++) {
    const t =
      k < buildings.length ? resolveBuilding(buildings[k], input, footprints, footprintIndex, city, problems) : toFrame(targets[k - buildings.length], city);
    if (t) resolved.push(t);
  }
  const facades: Facade[] = [];
  let skippedShortFacades = 0;
  for (const t of resolved) {
    const f = facadesOf(t);
    facades.push(...f.facades);
    skippedShortFacades += f.skippedShort;
  }

  const [lon, lat] = grid5186ToLonLat(mesh.originX, mesh.originY);
  const steps = sunSteps(window, { lon, lat }, input.deltaT);
  const sun = steps.map((s) => (s.elevation > 0 ? enuFromAzEl(s.gridAzimuth, s.elevation) : null));
  const nSteps = steps.length;
  const stepHours = window.stepMinutes / 60;
  const nFloors = facades.reduce((s, f) => s + f.floors, 0);
  const keep = input.keepSteps ?? true;
  const sunlitPercent = keep ? new Uint8Array(nFloors * nSteps) : undefined;
  const floors: FacadeFloor[] = [];
  const failing: number[] = [];
  const series = new Uint8Array(nSteps);
  const pts: number[] = [];
  const raysBefore = caster.rays + (terrain?.rays ?? 0);
  let done = 0;

  for (const f of facades) {
    const facing = ((Math.atan2(f.nx, f.ny) * 180) / Math.PI + 360) % 360;
    for (let floor = 0; floor < f.floors; floor++) {
      pts.length = 0;
      const count = floorSamples(f, floor, samplesOpts, pts);
      let litSampleSteps = 0;
      let litHours = 0;
      for (let s = 0; s < nSteps; s++) {
        const d = sun[s];
        let lit = 0;
        // Sun above the horizon and in front of the wall (behind it, the wall itself shades).
        if (d && d[0] * f.nx + d[1] * f.ny > 0) {
          for (let p = 0; p < count; p++) {
            const x = pts[3 * p],
              y = pts[3 * p + 1],
              z = pts[3 * p + 2];
            if (caster.occluded(x, y, z, d[0], d[1], d[2])) continue;
            if (terrain && terrain.occluded(x, y, z, d[0], d[1], d[2], TERRAIN_NEAR_M)) continue;
            lit++;
          }
        }
        litSampleSteps += lit;
        series[s] = 2 * lit >= count && lit > 0 ? 1 : 0;
        if (series[s]) litHours += stepHours;
        if (sunlitPercent) sunlitPercent[floors.length * nSteps + s] = Math.round((100 * lit) / count);
        run.tick(++done, nFloors * nSteps, 'facade rays');
      }
      const verdict = rightToLight(series, window.startMinute, window.stepMinutes);
      if (!verdict.pass) failing.push(floors.length);
      floors.push({
        building: f.building,
        facade: f.facade,
        floor,
        x0: f.x0 + mesh.originX,
        y0: f.y0 + mesh.originY,
        x1: f.x1 + mesh.originX,
        y1: f.y1 + mesh.originY,
        zBottom: f.base + floor * f.floorHeight,
        zTop: f.base + (floor + 1) * f.floorHeight,
        facing,
        samples: count,
        hours: (litSampleSteps / count) * stepHours,
        litHours,
        rightToLight: verdict,
      });
    }
  }
  run.report(1, 'done');
  return {
    date: window.date,
    startMinute: window.startMinute,
    stepMinutes: window.stepMinutes,
    steps,
    floors,
    sunlitPercent,
    failing: Uint32Array.from(failing),
    problems,
    rays: caster.rays + (terrain?.rays ?? 0) - raysBefore,
    terrain: terrain !== null,
    skippedShortFacades,
    rows: [r0, r1],
  };
}

/** Lon/lat box around every requested building, footprint and proposal, widened by `reach` metres. */
function requestRegion(input: FacadeSunInput, footprints: FootprintsFile | null, reach: number): [number, number, number, number] | undefined {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  const add = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  const index = new Map<string, number>();
  footprints?.ids.forEach((id, i) => index.set(id, i));
  for (const id of input.buildings ?? []) {
    const i = index.get(id);
    if (i === undefined || !footprints) continue;
    for (let v = footprints.offsets[i]; v < footprints.offsets[i + 1]; v++) add(footprints.lonLat[2 * v], footprints.lonLat[2 * v + 1]);
  }
  for (const t of [...(input.targets ?? []), ...(input.proposals ?? [])]) for (const [x, y] of t.ring) add(...grid5186ToLonLat(x, y));
  if (!(w <= e)) return undefined;
  const dLat = reach / 111_320;
  const dLon = reach / (111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180));
  return [w - dLon, s - dLat, e + dLon, n + dLat];
}

/** Frame origin: left to the mesh (its first tile) unless only directly given geometry is used. */
function frameOrigin(input: FacadeSunInput): [number, number] | undefined {
  if (input.buildUrl) return undefined;
  const p = input.targets?.[0]?.ring[0] ?? input.proposals?.[0]?.ring[0];
  return p ? [Math.round(p[0] / 100) * 100, Math.round(p[1] / 100) * 100] : undefined;
}

function toFrame(t: FacadeTarget, city: CachedCity): FacadeTarget {
  return { ...t, ring: t.ring.map(([x, y]) => [x - city.mesh.originX, y - city.mesh.originY] as [number, number]) };
}

function resolveBuilding(
  id: string,
  input: FacadeSunInput,
  footprints: FootprintsFile | null,
  footprintIndex: Map<string, number>,
  city: CachedCity,
  problems: string[],
): FacadeTarget | null {
  const proposals = input.proposals ?? [];
  const pi = proposals.findIndex((p, i) => (p.id ?? `proposal:${i}`) === id);
  if (pi >= 0) {
    const p = proposals[pi];
    return toFrame({ id, ring: p.ring, base: p.base, top: p.top, floors: p.floors ?? Math.max(1, Math.round((p.top - p.base) / STOREY_M)) }, city);
  }
  const i = footprintIndex.get(id);
  if (i === undefined || !footprints) {
    problems.push(`building ${id}: not in the build's footprints${footprints ? '' : ' (no build given)'}; skipped`);
    return null;
  }
  const k = city.mesh.featureLookup.get(id);
  const b = city.bounds;
  if (k === undefined || !(b[6 * k + 5] > b[6 * k + 2])) {
    problems.push(`building ${id}: has no triangles in the 3D city (removed or not built); skipped`);
    return null;
  }
  // The roof is the mesh's top; the wall foot is the roof minus the building's height, or the
  // mesh's bottom for raised structures (walls of grounded buildings reach 2 m below their base).
  const top = b[6 * k + 5];
  const height = footprints.heights[i];
  const base = Math.max(b[6 * k + 2], top - height);
  const floors = footprints.floors[i] > 0 ? footprints.floors[i] : Math.max(1, Math.round(height / STOREY_M));
  const ring: [number, number][] = [];
  for (let v = footprints.offsets[i]; v < footprints.offsets[i + 1]; v++) {
    const [x, y] = lonLatTo5186(footprints.lonLat[2 * v], footprints.lonLat[2 * v + 1]);
    ring.push([x - city.mesh.originX, y - city.mesh.originY]);
  }
  if (ring.length < 3) {
    problems.push(`building ${id}: footprint has ${ring.length} points; skipped`);
    return null;
  }
  return { id, ring, base, top, floors };
}

/** Joins results of consecutive `rows` parts (in order) into the result of the whole list. */
export function mergeFacadeSun(parts: FacadeSunResult[]): FacadeSunResult {
  if (parts.length === 0) throw new Error('mergeFacadeSun: no parts');
  const first = parts[0];
  const nSteps = first.steps.length;
  const floors: FacadeFloor[] = [];
  const failing: number[] = [];
  const keep = parts.every((p) => p.sunlitPercent);
  const sunlitPercent = keep ? new Uint8Array(parts.reduce((n, p) => n + p.floors.length, 0) * nSteps) : undefined;
  for (const p of parts) {
    for (const i of p.failing) failing.push(floors.length + i);
    if (sunlitPercent && p.sunlitPercent) sunlitPercent.set(p.sunlitPercent, floors.length * nSteps);
    floors.push(...p.floors);
  }
  return {
    ...first,
    floors,
    sunlitPercent,
    failing: Uint32Array.from(failing),
    problems: parts.flatMap((p) => p.problems),
    rays: parts.reduce((n, p) => n + p.rays, 0),
    skippedShortFacades: parts.reduce((n, p) => n + p.skippedShortFacades, 0),
    rows: [first.rows[0], parts[parts.length - 1].rows[1]],
  };
}
