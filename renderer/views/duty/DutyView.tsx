import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCore, useCoreEvent } from '../../api/coreContext';
import { DutyPanel } from '../../duty/DutyPanel';
import { useAppInfo } from '../../hooks/useAppInfo';
import { consoleDutyBackend } from './consoleDutyBackend';

/** Where "turn into incident" goes: the Reports view's new-incident form, which reads the call with `duty.getCall`. */
export const incidentFromCallHash = (callId: string) => `#/reports/new?fromCall=${encodeURIComponent(callId)}`;

/** The crew's duty (值班值守): shift, log, phone log and handover; reloads when the core says the duty changed. */
export function DutyView({ onOpenReports }: { onOpenReports?: () => void }) {
  const { t } = useTranslation();
  const client = useCore();
  const info = useAppInfo();
  const backend = useMemo(() => consoleDutyBackend(client), [client]);
  const [reload, setReload] = useState(0);
  useCoreEvent('duty.changed', () => setReload((n) => n + 1));
  return (
    <section className="duty-view" aria-labelledby="duty-title">
      <div className="view-head">
        <h1 id="duty-title">{t('duty.title')}</h1>
        <span className="view-summary">{t('duty.summary')}</span>
      </div>
      <DutyPanel
        backend={backend}
        unit={info?.vehicleName ?? ''}
        reload={reload}
        onIncident={(call) => {
          window.location.hash = incidentFromCallHash(call.id);
          onOpenReports?.();
        }}
      />
    </section>
  );
}
