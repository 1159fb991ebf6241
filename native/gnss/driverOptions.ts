/** Checks shared by the GNSS drivers' constructors: a bad option is a TypeError naming it. */

export function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new TypeError(`"${name}" must be a positive integer`);
  return value;
}

export function nonEmptyString(name: string, value: string | undefined, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${name}" must be a non-empty string`);
  return value;
}

/** Seconds, for details read by the operator ("no data for 3 s"). */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
