import type { TFunction } from 'i18next';
import { syncProblemKey } from '../../i18n/errorText';

/** Why an item was refused, in the UI's language when its code is known; the center's own words otherwise (shown as detail elsewhere). */
export function parkedReason(t: TFunction, code: string | null, reason: string | null): string {
  const key = code ? syncProblemKey(code) : undefined;
  return key ? t(key) : (reason ?? code ?? '');
}
