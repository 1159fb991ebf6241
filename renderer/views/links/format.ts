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
