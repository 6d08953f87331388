// Reads a kiosk tour (scenarios/tours/<name>.tour.json) and checks it against TOUR_SCHEMA with
// ajv, here on the host: the renderer's Content-Security-Policy forbids the code generation ajv
// needs, and a broken tour should be reported with its file and field, not half-played.
import Ajv, { type ErrorObject } from 'ajv';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOUR_NAME_PATTERN, TOUR_SCHEMA, type TourFile } from '../../common/tourFormat.js';

export type TourResult = { ok: true; tour: TourFile } | { ok: false; status: 400 | 404 | 422 | 500; error: string };

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile<TourFile>(TOUR_SCHEMA);

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 10)
    .map((e) => {
      const where = e.instancePath || '(top level)';
      const extra = e.keyword === 'additionalProperties' ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'` : '';
      return `${where} ${e.message ?? e.keyword}${extra}`;
    })
    .join('; ');
}

/** Checks a parsed tour; problems name the file and the JSON path of each mistake. */
export function checkTour(value: unknown, file: string): TourResult {
  if (!validate(value)) return { ok: false, status: 422, error: `Tour ${file} is not valid: ${describeErrors(validate.errors)}` };
  const ids = new Set<string>();
  for (const stop of value.stops) {
    if (ids.has(stop.id)) return { ok: false, status: 422, error: `Tour ${file} is not valid: /stops has two stops with id "${stop.id}"` };
    ids.add(stop.id);
  }
  return { ok: true, tour: value };
}

/** The tour `name` from `toursDir`; never reads outside it (names are plain words). */
export async function readTour(toursDir: string, name: string): Promise<TourResult> {
  if (!TOUR_NAME_PATTERN.test(name)) return { ok: false, status: 400, error: `Tour name "${name.slice(0, 80)}" is not a plain name (a-z, 0-9, -)` };
  const file = join(toursDir, `${name}.tour.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, status: 404, error: `No tour "${name}" (${file} does not exist)` };
    return { ok: false, status: 500, error: `Cannot read tour ${file}: ${(err as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, status: 422, error: `Tour ${file} is not valid JSON: ${(err as Error).message}` };
  }
  return checkTour(value, file);
}
