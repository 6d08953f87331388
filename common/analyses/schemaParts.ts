// JSON Schema fragments shared by the scenario format and the analyses' parameters, so a date or a
// longitude means the same everywhere (and scenarioValidate.ts can name the pattern a value missed).

export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
export const DATE_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';

export const LON_SCHEMA = { type: 'number', minimum: 124, maximum: 132 } as const;
export const LAT_SCHEMA = { type: 'number', minimum: 33, maximum: 39 } as const;
export const LON_LAT_SCHEMA = { type: 'array', items: [LON_SCHEMA, LAT_SCHEMA], minItems: 2, maxItems: 2 } as const;
export const TIME_SCHEMA = { type: 'string', pattern: TIME_PATTERN } as const;
export const DATE_SCHEMA = { type: 'string', pattern: DATE_PATTERN } as const;

/** A positive number up to `max`. */
export function positive(max: number, description?: string): Record<string, unknown> {
  return { type: 'number', exclusiveMinimum: 0, maximum: max, ...(description ? { description } : {}) };
}

/** A number in [min, max]. */
export function between(min: number, max: number, description?: string): Record<string, unknown> {
  return { type: 'number', minimum: min, maximum: max, ...(description ? { description } : {}) };
}

/** "HH:MM" -> minutes after midnight. */
export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
