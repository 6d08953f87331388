// The JSON Schema of a scenario file: the area and the proposals are defined here; every analysis
// entry's schema is assembled from its declaration (common/analyses), so the file format and the
// analyses cannot drift apart. `npm run scenario -- --schema` prints it.
import { ANALYSIS_TYPES, declarationOf, type AnalysisType } from '../analyses/analyses.js';
import { DATE_SCHEMA, LAT_SCHEMA, LON_LAT_SCHEMA, LON_SCHEMA, TIME_SCHEMA } from '../analyses/schemaParts.js';

const definitions = {
  lon: LON_SCHEMA,
  lat: LAT_SCHEMA,
  lonLat: LON_LAT_SCHEMA,
  metres: { type: 'number', exclusiveMinimum: 0, maximum: 2000 },
  floors: { type: 'integer', minimum: 1, maximum: 200 },
  floorHeight: { type: 'number', minimum: 2, maximum: 10, description: 'Metres per floor when a height is given as floors (default 3.3).' },
  rotation: { type: 'number', minimum: -360, maximum: 360, description: 'Degrees clockwise seen from above (0 = the depth side points north).' },
  id: { type: 'string', minLength: 1, maxLength: 100 },
  time: TIME_SCHEMA,
  date: DATE_SCHEMA,
  proposal: {
    type: 'object',
    required: ['kind', 'id'],
    discriminator: { propertyName: 'kind' },
    oneOf: [{ $ref: '#/definitions/boxProposal' }, { $ref: '#/definitions/polygonProposal' }, { $ref: '#/definitions/gltfProposal' }],
  },
  boxProposal: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'id', 'centre', 'width', 'depth'],
    properties: {
      kind: { const: 'box' },
      id: { $ref: '#/definitions/id' },
      name: { type: 'string', maxLength: 200 },
      centre: { $ref: '#/definitions/lonLat' },
      width: { $ref: '#/definitions/metres', description: 'Metres along the (rotated) east-west side.' },
      depth: { $ref: '#/definitions/metres', description: 'Metres along the (rotated) north-south side.' },
      rotation: { $ref: '#/definitions/rotation' },
      height: { $ref: '#/definitions/metres' },
      floors: { $ref: '#/definitions/floors' },
      floorHeight: { $ref: '#/definitions/floorHeight' },
    },
  },
  polygonProposal: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'id', 'ring'],
    properties: {
      kind: { const: 'polygon' },
      id: { $ref: '#/definitions/id' },
      name: { type: 'string', maxLength: 200 },
      ring: { type: 'array', minItems: 3, maxItems: 1000, items: { $ref: '#/definitions/lonLat' } },
      height: { $ref: '#/definitions/metres' },
      floors: { $ref: '#/definitions/floors' },
      floorHeight: { $ref: '#/definitions/floorHeight' },
    },
  },
  gltfProposal: {
    type: 'object',
    additionalProperties: false,
    required: ['kind', 'id', 'uri', 'position'],
    properties: {
      kind: { const: 'gltf' },
      id: { $ref: '#/definitions/id' },
      name: { type: 'string', maxLength: 200 },
      uri: { type: 'string', minLength: 1, description: 'glTF/GLB file, relative to the scenario file, or a URL.' },
      position: { $ref: '#/definitions/lonLat' },
      rotation: { $ref: '#/definitions/rotation' },
      scale: { type: 'number', exclusiveMinimum: 0, maximum: 1000 },
    },
  },
};

/** The schema of one analysis entry: "type" plus the declared parameters, nothing else. */
function entrySchema(type: AnalysisType): Record<string, unknown> {
  const d = declarationOf(type);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['type', ...(d.parameters.required ?? [])],
    description: d.description,
    properties: { type: { const: type }, ...d.parameters.properties },
  };
}

export const SCENARIO_SCHEMA = {
  $id: 'virtual-seoul-scenario',
  title: 'Virtual Seoul planning scenario',
  description:
    'Proposed buildings and the analyses to run before and after them. Coordinates are WGS84 longitude/latitude in degrees; heights in metres. Types: common/scenario/scenarioFormat.ts; analyses: common/analyses.',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'area', 'proposals', 'analyses'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 4000 },
    area: {
      description: 'Rectangle the analyses cover (the ground grids are cut from the city surface model here).',
      type: 'object',
      additionalProperties: false,
      required: ['west', 'south', 'east', 'north'],
      properties: {
        west: { $ref: '#/definitions/lon' },
        south: { $ref: '#/definitions/lat' },
        east: { $ref: '#/definitions/lon' },
        north: { $ref: '#/definitions/lat' },
      },
    },
    proposals: { type: 'array', maxItems: 500, items: { $ref: '#/definitions/proposal' } },
    analyses: { type: 'array', maxItems: 50, items: { $ref: '#/definitions/analysis' } },
  },
  definitions: {
    ...definitions,
    analysis: {
      type: 'object',
      required: ['type'],
      discriminator: { propertyName: 'type' },
      oneOf: ANALYSIS_TYPES.map((t) => ({ $ref: `#/definitions/${t}Analysis` })),
    },
    ...Object.fromEntries(ANALYSIS_TYPES.map((t) => [`${t}Analysis`, entrySchema(t)])),
  },
};
