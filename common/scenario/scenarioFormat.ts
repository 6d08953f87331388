// A planning scenario: proposed buildings and the analyses to run before and after them.
// The JSON form is defined by scenarioSchema.ts (these types mirror it; each analysis entry is
// its declaration's parameters, common/analyses); scenarioValidate.ts checks a file against it.
// Types and small helpers only, so the page's bundle stays free of ajv.
import type { AnalysisEntry, AnalysisEntryOf } from '../analyses/analyses.js';
import type { LonLat } from '../analyses/analysisSpec.js';

export type { LonLat } from '../analyses/analysisSpec.js';

/** Metres per floor when a height is given as floors and the proposal names none. */
export const DEFAULT_FLOOR_HEIGHT = 3.3;

interface ProposalBase {
  id: string;
  name?: string;
}

export interface BoxProposal extends ProposalBase {
  kind: 'box';
  centre: LonLat;
  /** Metres along the rotated east-west side. */
  width: number;
  /** Metres along the rotated north-south side. */
  depth: number;
  /** Degrees clockwise seen from above. */
  rotation?: number;
  height?: number;
  floors?: number;
  floorHeight?: number;
}

export interface PolygonProposal extends ProposalBase {
  kind: 'polygon';
  ring: LonLat[];
  height?: number;
  floors?: number;
  floorHeight?: number;
}

export interface GltfProposal extends ProposalBase {
  kind: 'gltf';
  /** Relative to the scenario file, or a URL. */
  uri: string;
  position: LonLat;
  rotation?: number;
  scale?: number;
}

export type Proposal = BoxProposal | PolygonProposal | GltfProposal;

export type SunHoursAnalysis = AnalysisEntryOf<'sunHours'>;
export type RightToLightAnalysis = AnalysisEntryOf<'rightToLight'>;
export type ViewshedAnalysis = AnalysisEntryOf<'viewshed'>;

/** One entry of "analyses": any declared analysis (common/analyses/analyses.ts). */
export type AnalysisSpec = AnalysisEntry;

export interface ScenarioArea {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Scenario {
  name: string;
  description?: string;
  area: ScenarioArea;
  proposals: Proposal[];
  analyses: AnalysisSpec[];
}

/** Height in metres above the ground of a box or polygon proposal. */
export function proposalHeight(p: BoxProposal | PolygonProposal): number {
  return p.height ?? (p.floors ?? 1) * (p.floorHeight ?? DEFAULT_FLOOR_HEIGHT);
}
