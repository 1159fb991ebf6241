import type { TFunction } from 'i18next';
import type { Delivery } from '../../protocol/api/messaging';
import { syncProblemKey } from './errorText';

/**
 * Why a queued item's last try failed, for its tooltip: translated by the code the core
 * stored with it; a row from before the codes keeps its English words; nothing tried, ''.
 */
export function lastTryText(t: TFunction, delivery: Pick<Delivery, 'lastError' | 'lastErrorCode'>): string {
  const key = delivery.lastErrorCode ? syncProblemKey(delivery.lastErrorCode) : undefined;
  return key ? t(key) : (delivery.lastError ?? '');
}
