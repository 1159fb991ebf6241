import { useTranslation } from 'react-i18next';
import { useSettings } from '../../hooks/useSettings';
import type { heldClasses } from './heldClasses';

/**
 * "Waiting for a link" says what holds what: bulk held because only metered links are up
 * (with the switch that lets it go, the one in the Links view's policy strip), or no link up
 * for a class at all.
 */
export function HeldWhy({ held }: { held: ReturnType<typeof heldClasses> }) {
  const { t, i18n } = useTranslation();
  const [settings, updateSettings] = useSettings();
  const join = (words: string[]) => words.join(i18n.language.startsWith('zh') ? '、' : ', ');
  return (
    <ul className="held-why" data-testid="held-why">
      {held.map((h) => (
        <li key={h.trafficClass} data-reason={h.reason}>
          {t(`sync.held.${h.reason === 'held-metered' ? 'metered' : 'noLink'}`, {
            count: h.count,
            what: join(h.priorities.map((p) => t(`priority.${p}`))),
          })}
          {h.reason === 'held-metered' && settings && !settings.allowMeteredBulk ? (
            <button type="button" className="link-button" onClick={() => void updateSettings({ allowMeteredBulk: true })}>
              {t('sync.held.allowMetered')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
