import type { TFunction } from 'i18next';

/** "12 s ago", "3 min ago" in the UI language. */
export function formatAge(t: TFunction, ageMs: number): string {
  const seconds = Math.max(0, Math.floor(ageMs / 1000));
  if (seconds < 2) return t('age.now');
  if (seconds < 120) return t('age.seconds', { count: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return t('age.minutes', { count: minutes });
  return t('age.hours', { count: Math.floor(minutes / 60) });
}

/** "45 s", "12 min", "2 h 5 min". */
export function formatDuration(t: TFunction, ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return t('duration.seconds', { count: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  return t('duration.hours', { count: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** Signed numbers with a true minus sign, as instruments print them. */
export function formatSigned(value: number, digits = 0): string {
  const text = Math.abs(value).toFixed(digits);
  return value < 0 ? `\u2212${text}` : text;
}

/** "512 kbit/s", "4.0 Mbit/s". */
export function formatKbps(kbps: number): string {
  if (kbps >= 1000) return `${(kbps / 1000).toFixed(kbps >= 10_000 ? 0 : 1)} Mbit/s`;
  if (kbps >= 1) return `${Math.round(kbps)} kbit/s`;
  return `${Math.round(kbps * 1000)} bit/s`;
}

/** Radio frequency as operators write it: "7.074 000 MHz", "14.074 000 MHz". */
export function formatFrequency(hz: number): string {
  const mhz = Math.floor(hz / 1_000_000);
  const rest = String(Math.round(hz % 1_000_000)).padStart(6, '0');
  return `${mhz}.${rest.slice(0, 3)} ${rest.slice(3)} MHz`;
}

/** Hamlib STRENGTH (dB relative to S9) as S-units: 6 dB per S-unit below S9, "S9+20" above. */
export function sUnits(strengthDb: number): string {
  if (strengthDb >= 0) return strengthDb < 1 ? 'S9' : `S9+${Math.round(strengthDb)}`;
  return `S${Math.max(0, Math.round(9 + strengthDb / 6))}`;
}

/** "30.65731° N 104.06576° E". */
export function formatLatLon(latitude: number, longitude: number): string {
  const part = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(5)}° ${value >= 0 ? positive : negative}`;
  return `${part(latitude, 'N', 'S')} ${part(longitude, 'E', 'W')}`;
}

/** m/s to "43 km/h". */
export function formatSpeed(mps: number): string {
  return `${Math.round(mps * 3.6)} km/h`;
}
