import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyCallView } from '../../protocol/api/duty';
import { useAppInfo } from '../hooks/useAppInfo';
import { useSettings } from '../hooks/useSettings';
import { LinksView } from '../views/links/LinksView';
import { MessagesView } from '../views/messages/MessagesView';
import { SyncView } from '../views/sync/SyncView';
import { VideoView } from '../views/video/VideoView';
import { MediaProvider } from '../media/mediaContext';
import { useInboxAlerts } from '../hooks/useInboxAlerts';
import { useNow } from '../hooks/useNow';
import { OrdersView } from '../views/orders/OrdersView';
import { FollowupAlert } from '../views/reports/FollowupAlert';
import { ReportsView } from '../views/reports/ReportsView';
import { DutyView } from '../views/duty/DutyView';
import { MapView, type PickedPlace } from '../views/map/MapView';
import { AlertBanner } from './AlertBanner';
import { CommandAlert } from './CommandAlert';
import { NavRail, type ViewId } from './NavRail';
import { TopBar } from './TopBar';

/** The console's frame: top bar, navigation rail, alerts, and the active view. */
export function AppFrame() {
  const { i18n } = useTranslation();
  const info = useAppInfo();
  const [settings, updateSettings] = useSettings();
  const [view, setView] = useState<ViewId>('links');
  const alerts = useInboxAlerts();
  const now = useNow(5_000);
  const [openIncident, setOpenIncident] = useState<{ id: string; at: number } | undefined>(undefined);
  const [fromCall, setFromCall] = useState<{ call: DutyCallView; at: number } | undefined>(undefined);
  const [fromMap, setFromMap] = useState<{ place: PickedPlace; at: number } | undefined>(undefined);

  useEffect(() => {
    if (!settings) return;
    document.documentElement.dataset.theme = settings.theme;
    document.documentElement.lang = settings.language;
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
  }, [settings, i18n]);

  if (!settings) return <div className="boot-screen" />;
  return (
    <MediaProvider displayName={info?.vehicleName ?? 'MCV'}>
      <div className="app-frame">
        <TopBar info={info} settings={settings} onChange={(patch) => void updateSettings(patch)} />
        <NavRail
          active={view}
          onSelect={setView}
          badges={{
            orders: alerts.filter((a) => a.kind === 'order').length,
            messages: alerts.filter((a) => a.kind === 'center-message').length,
          }}
        />
        <main className="view">
          <AlertBanner />
          <CommandAlert
            alerts={alerts}
            mutedUntil={settings.alertsMutedUntil}
            now={now}
            onMute={(until) => void updateSettings({ alertsMutedUntil: until })}
            onOpen={setView}
          />
          <FollowupAlert
            onOpen={(id) => {
              setView('reports');
              setOpenIncident({ id, at: Date.now() });
            }}
          />
          {view === 'links' ? <LinksView settings={settings} onSettingsChange={(patch) => void updateSettings(patch)} /> : null}
          {view === 'orders' ? <OrdersView /> : null}
          {view === 'messages' ? <MessagesView /> : null}
          {view === 'sync' ? <SyncView /> : null}
          {view === 'video' ? <VideoView /> : null}
          {view === 'reports' ? <ReportsView open={openIncident} fromCall={fromCall} fromMap={fromMap} /> : null}
          {view === 'map' ? (
            <MapView
              chosenLayer={settings.mapLayer}
              onIncident={(place) => {
                setFromMap({ place, at: Date.now() });
                setView('reports');
              }}
              onOpenIncident={(id) => {
                setOpenIncident({ id, at: Date.now() });
                setView('reports');
              }}
            />
          ) : null}
          {view === 'duty' ? (
            <DutyView
              onIncident={(call) => {
                setFromCall({ call, at: Date.now() });
                setView('reports');
              }}
            />
          ) : null}
        </main>
      </div>
    </MediaProvider>
  );
}
