import { useTranslation } from 'react-i18next';
import { DirectoryPage } from '../directory/DirectoryPage';
import { FleetPage } from '../fleet/FleetPage';
import { IncidentPage } from '../incidents/IncidentPage';
import { IncidentsPage } from '../incidents/IncidentsPage';
import { useDesk } from '../live/deskContext';
import { MessagesPage } from '../messages/MessagesPage';
import { OrdersPage } from '../orders/OrdersPage';
import { VehiclePage } from '../vehicle/VehiclePage';
import { VideoPage } from '../video/VideoPage';
import { CenterHealth } from './CenterHealth';
import { DeskNav } from './DeskNav';
import { DutyPage } from '../duty/DutyPage';
import { DeskMapPage } from '../map/DeskMapPage';
import { DeskTopBar } from './DeskTopBar';
import type { useDeskPrefs } from './useDeskPrefs';
import { useHashRoute } from './useHashRoute';

/** The command room: top bar (staff on duty, center health), navigation, and the page the URL names. */
export function DeskShell({ prefs, onSignOut }: { prefs: ReturnType<typeof useDeskPrefs>; onSignOut: () => void }) {
  const { t } = useTranslation();
  const { me } = useDesk();
  const [route, go] = useHashRoute();
  return (
    <div className="desk-app app-frame">
      <DeskTopBar prefs={prefs}>
        <span className="desk-staff" data-testid="desk-staff" title={me.staff.id}>
          {t('desk.onDuty', { name: me.staff.name })}
        </span>
        <button type="button" onClick={onSignOut} data-testid="desk-sign-out">
          {t('desk.signOut')}
        </button>
      </DeskTopBar>
      <DeskNav active={route.page} onSelect={(page) => go({ page })} />
      <main className="view desk-view" data-page={route.page}>
        <CenterHealth />
        {route.page === 'fleet' ? <FleetPage go={go} /> : null}
        {route.page === 'vehicle' ? <VehiclePage key={route.vehicleId} vehicleId={route.vehicleId} go={go} /> : null}
        {route.page === 'messages' ? <MessagesPage vehicleId={route.vehicleId} go={go} /> : null}
        {route.page === 'orders' ? <OrdersPage composeTo={route.composeTo} incident={route.incident} place={route.place} /> : null}
        {route.page === 'incidents' ? <IncidentsPage go={go} /> : null}
        {route.page === 'incident' ? <IncidentPage key={route.incidentId} incidentId={route.incidentId} go={go} /> : null}
        {route.page === 'video' ? <VideoPage vehicleId={route.vehicleId} go={go} /> : null}
        {route.page === 'directory' ? <DirectoryPage /> : null}
        {route.page === 'duty' ? <DutyPage /> : null}
        {route.page === 'map' ? <DeskMapPage go={go} /> : null}
      </main>
    </div>
  );
}
