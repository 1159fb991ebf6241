import { useMemo, useState } from 'react';
import type { DutyCallView } from '../../../protocol/api/duty';
import { useTranslation } from 'react-i18next';
import { useCore, useCoreEvent } from '../../api/coreContext';
import { DutyPanel } from '../../duty/DutyPanel';
import { useAppInfo } from '../../hooks/useAppInfo';
import { consoleDutyBackend } from './consoleDutyBackend';

/**
 * The crew's duty (值班值守): shift, log, phone log and handover; reloads when the core says
 * the duty changed. "Turn into incident" hands the call to the Reports view's 初报 form.
 */
export function DutyView({ onIncident }: { onIncident?: (call: DutyCallView) => void }) {
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
      <DutyPanel backend={backend} unit={info?.vehicleName ?? ''} reload={reload} {...(onIncident ? { onIncident } : {})} />
    </section>
  );
}
