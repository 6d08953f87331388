// Value-level validation shared by every S-DoT format: a value that is missing or physically
// implausible becomes a flag with a reason and is left out of the reading's values.
import { PLAUSIBLE_RANGES, QUANTITY_UNITS, type SdotQuantity } from './sdotQuantities.js';
import type { ReadingFlag, SdotReading } from './sdotReading.js';

/** Null when the value is plausible, else the reason. */
export function implausibleReason(quantity: SdotQuantity, value: number): string | null {
  if (!Number.isFinite(value)) return `${quantity}: not a number`;
  const [lo, hi] = PLAUSIBLE_RANGES[quantity];
  if (value < lo || value > hi) return `${quantity}: ${value} ${QUANTITY_UNITS[quantity]} is outside the plausible range ${lo}–${hi}`;
  return null;
}

/** Adds `value` to the reading if plausible, else a flag; null/undefined is flagged as missing. */
export function putValue(values: SdotReading['values'], flags: ReadingFlag[], quantity: SdotQuantity, value: number | null | undefined): void {
  if (value === null || value === undefined) {
    flags.push({ quantity, reason: `${quantity}: missing` });
    return;
  }
  const reason = implausibleReason(quantity, value);
  if (reason) flags.push({ quantity, reason });
  else values[quantity] = value;
}
