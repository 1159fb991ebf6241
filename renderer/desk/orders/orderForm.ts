import type { Place } from '../../../protocol/sync/items';

/** What the order form's place fields hold (text as typed). */
export interface PlaceFields {
  latitude: string;
  longitude: string;
  label: string;
}

export type PlaceProblem = 'latitude-missing' | 'longitude-missing' | 'latitude-range' | 'longitude-range' | 'not-number' | 'label-long';

/** The target place from the form: none when every field is empty; else a place or the problems found. */
export function parsePlace(fields: PlaceFields): { place: Place | undefined; problems: PlaceProblem[] } {
  const lat = fields.latitude.trim();
  const lon = fields.longitude.trim();
  const label = fields.label.trim();
  if (!lat && !lon && !label) return { place: undefined, problems: [] };
  const problems: PlaceProblem[] = [];
  const latitude = toNumber(lat);
  const longitude = toNumber(lon);
  if (!lat) problems.push('latitude-missing');
  else if (latitude === undefined) problems.push('not-number');
  else if (latitude < -90 || latitude > 90) problems.push('latitude-range');
  if (!lon) problems.push('longitude-missing');
  else if (longitude === undefined) {
    if (!problems.includes('not-number')) problems.push('not-number');
  } else if (longitude < -180 || longitude > 180) problems.push('longitude-range');
  if (label.length > 100) problems.push('label-long');
  if (problems.length > 0 || latitude === undefined || longitude === undefined) return { place: undefined, problems };
  return { place: { latitude, longitude, ...(label ? { label } : {}) }, problems };
}

function toNumber(text: string): number | undefined {
  // Accept a decimal comma (some keyboards) but nothing else: no degree signs, no hemisphere letters.
  if (!/^[-+]?\d+([.,]\d+)?$/.test(text)) return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

export type DeadlineProblem = 'invalid' | 'past';

/** The deadline from a `datetime-local` value (local time): none when empty; it must be in the future. */
export function parseDeadline(value: string, now: number): { deadline: number | undefined; problem?: DeadlineProblem } {
  if (!value.trim()) return { deadline: undefined };
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return { deadline: undefined, problem: 'invalid' };
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const deadline = new Date(y, mo - 1, d, h, mi).getTime();
  if (!Number.isFinite(deadline)) return { deadline: undefined, problem: 'invalid' };
  if (deadline <= now) return { deadline: undefined, problem: 'past' };
  return { deadline };
}

/** A `datetime-local` value for `now + minutes`, rounded up to the minute. */
export function deadlineIn(now: number, minutes: number): string {
  const d = new Date(Math.ceil((now + minutes * 60_000) / 60_000) * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
