import { integerOption, stringOption } from '../device/driverOptions';

/** Checks the GNSS drivers' constructors use: the drivers' one style (device/driverOptions.ts), a bad option is a TypeError naming it. */

export function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  return integerOption(name, value, fallback);
}

export function nonEmptyString(name: string, value: string | undefined, fallback?: string): string {
  return stringOption(name, value, fallback);
}

/** Seconds, for details read by the operator ("no data for 3 s"). */
export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
