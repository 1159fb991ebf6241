import { useTranslation } from 'react-i18next';
import { Icon, type IconName } from '../../frame/icons';
import { liveVehicles, useDesk } from '../live/deskContext';
import type { DeskPage } from './deskRoute';

type NavId = 'fleet' | 'messages' | 'orders' | 'video' | 'directory' | 'duty' | 'incidents' | 'map';

const ITEMS: ReadonlyArray<{ id: NavId; icon: IconName }> = [
  { id: 'fleet', icon: 'vehicle' },
  { id: 'messages', icon: 'messages' },
  { id: 'orders', icon: 'orders' },
  { id: 'video', icon: 'video' },
  { id: 'directory', icon: 'directory' },
  { id: 'incidents', icon: 'alert' },
  { id: 'duty', icon: 'center' },
  { id: 'map', icon: 'map' },
];

/** The desk's pages, each with its count (unread, open orders, live vehicles). */
export function DeskNav({ active, onSelect }: { active: DeskPage; onSelect: (page: NavId) => void }) {
  const { t } = useTranslation();
  const { vehicles, rooms } = useDesk();
  const unread = vehicles.reduce((n, v) => n + v.unread, 0);
  const overdue = vehicles.reduce((n, v) => n + v.overdueOrders, 0);
  const open = vehicles.reduce((n, v) => n + v.openOrders, 0);
  const live = liveVehicles(rooms).size;
  const current: NavId = active === 'vehicle' ? 'fleet' : active === 'incident' ? 'incidents' : active;
  const badge = (id: NavId): { text: string; urgent: boolean; title: string } | null => {
    if (id === 'messages' && unread > 0) return { text: String(unread), urgent: true, title: t('desk.nav.unreadCount', { count: unread }) };
    if (id === 'orders' && overdue > 0)
      return { text: String(overdue), urgent: true, title: t('desk.nav.overdueCount', { count: overdue }) };
    if (id === 'orders' && open > 0) return { text: String(open), urgent: false, title: t('desk.nav.openCount', { count: open }) };
    if (id === 'video' && live > 0) return { text: String(live), urgent: false, title: t('desk.nav.liveCount', { count: live }) };
    return null;
  };
  return (
    <nav className="nav-rail desk-nav" aria-label={t('desk.title')}>
      {ITEMS.map((item) => {
        const b = badge(item.id);
        return (
          <button
            key={item.id}
            type="button"
            className={`nav-item${item.id === current ? ' active' : ''}`}
            aria-current={item.id === current ? 'page' : undefined}
            title={b ? `${t(`desk.nav.${item.id}`)} — ${b.title}` : t(`desk.nav.${item.id}`)}
            data-testid={`desk-nav-${item.id}`}
            onClick={() => onSelect(item.id)}
          >
            <span className="nav-icon">
              <Icon name={item.icon} />
              {b ? <span className={`nav-badge${b.urgent ? ' urgent' : ''}`}>{b.text}</span> : null}
            </span>
            <span>{t(`desk.nav.${item.id}`)}</span>
          </button>
        );
      })}
    </nav>
  );
}
