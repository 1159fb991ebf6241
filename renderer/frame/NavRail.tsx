import { useTranslation } from 'react-i18next';
import { useConnection } from '../api/coreContext';
import { Icon, type IconName } from './icons';

export type ViewId = 'links' | 'map' | 'video' | 'orders' | 'messages' | 'reports' | 'duty' | 'sync';

const ITEMS: ReadonlyArray<{ id: ViewId; icon: IconName; ready: boolean }> = [
  { id: 'links', icon: 'links', ready: true },
  { id: 'map', icon: 'map', ready: true },
  { id: 'video', icon: 'video', ready: true },
  { id: 'orders', icon: 'orders', ready: true },
  { id: 'messages', icon: 'messages', ready: true },
  { id: 'reports', icon: 'reports', ready: true },
  { id: 'duty', icon: 'directory', ready: true },
  { id: 'sync', icon: 'sync', ready: true },
];

/** The capabilities of the console; those still to come are shown, disabled. */
export function NavRail({
  active,
  onSelect,
  badges = {},
}: {
  active: ViewId;
  onSelect: (view: ViewId) => void;
  /** What waits for the crew in a view (orders not acknowledged, messages not read). */
  badges?: Partial<Record<ViewId, number>>;
}) {
  const { t } = useTranslation();
  // Counts from a core out of reach are last known: greyed, so nobody takes them for current.
  const stale = useConnection() !== 'open';
  return (
    <nav className="nav-rail" aria-label={t('app.title')}>
      {ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          className={`nav-item${item.id === active ? ' active' : ''}`}
          disabled={!item.ready}
          aria-current={item.id === active ? 'page' : undefined}
          title={item.ready ? t(`nav.${item.id}`) : `${t(`nav.${item.id}`)} — ${t('nav.soon')}`}
          onClick={() => onSelect(item.id)}
        >
          <Icon name={item.icon} />
          <span>{t(`nav.${item.id}`)}</span>
          {badges[item.id] ? (
            <span
              className={`nav-badge${stale ? ' stale' : ''}`}
              data-testid={`badge-${item.id}`}
              aria-label={t('nav.waiting', { count: badges[item.id] })}
            >
              {badges[item.id]}
            </span>
          ) : null}
        </button>
      ))}
    </nav>
  );
}
