/**
 * Times as the desk shows them: absolute on the 24-hour clock (HH:mm, with the date when it
 * is not today) and relative ("3 min ago"), both from pure functions the tests pin down.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** HH:mm, or MM-DD HH:mm when `at` is not on the same local day as `now`. */
export function clockText(at: number, now: number): string {
  const d = new Date(at);
  const hhmm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const today = new Date(now);
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay ? hhmm : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hhmm}`;
}

/** HH:mm:ss for the center's clock and exact steps. */
export function clockSeconds(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A span of time as a translation key under `desk.span` and its values (rounded down, never negative). */
export interface Span {
  key: 'now' | 'seconds' | 'minutes' | 'hours' | 'days';
  count: number;
  rest?: number;
}

export function span(ms: number): Span {
  const value = Math.max(0, ms);
  if (value < 5_000) return { key: 'now', count: 0 };
  if (value < MINUTE) return { key: 'seconds', count: Math.floor(value / 1000) };
  if (value < HOUR) return { key: 'minutes', count: Math.floor(value / MINUTE) };
  if (value < DAY) return { key: 'hours', count: Math.floor(value / HOUR), rest: Math.floor((value % HOUR) / MINUTE) };
  return { key: 'days', count: Math.floor(value / DAY), rest: Math.floor((value % DAY) / HOUR) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
