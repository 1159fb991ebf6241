import { useTranslation } from 'react-i18next';
import type { DeskVia } from '../../../protocol/sync/deskVia';
import { viaTooltipLines } from './viaText';

/**
 * "by Iridium" on what a vehicle sent when it came as an SBD message: staff then know why a
 * photo is missing or why it came late; the tooltip has the MOMSN and session time.
 */
export function ViaBadge({ via, now }: { via: DeskVia | undefined; now: number }) {
  const { t } = useTranslation();
  const lines = viaTooltipLines(via, now);
  if (!lines) return null;
  const title = lines.map((line) => t(line.key, line.values)).join('\n');
  return (
    <span className="via-badge" data-testid="via-badge" data-momsn={via?.momsn ?? undefined} title={title} aria-label={title}>
      <span aria-hidden="true">{t('desk.via.badge')}</span>
    </span>
  );
}
