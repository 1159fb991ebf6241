import type { TFunction } from 'i18next';
import type { MediaState } from '../../protocol/sync/mediaState';

/**
 * The center's live media state in the UI's language: by its code when the center sent
 * one (`errors.media.*`); from an older center, its own English reason inside the generic
 * text. The center's words stay available as detail (a tooltip).
 */
export function mediaStateText(t: TFunction, media: MediaState): string {
  if (media.on) return t('desk.health.mediaOn');
  if (media.code) return t(`errors.media.${media.code}`);
  return t('desk.health.mediaOff', { reason: media.reason ?? t('desk.health.noReason') });
}
