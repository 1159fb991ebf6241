import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { HandoverPrefill, SignHandoverParams } from '../../protocol/api/duty';
import { NamePicker } from './NamePicker';

/** The equipment line filled in from the console: each link and its state, and what waits for the center. */
export function equipmentText(prefill: HandoverPrefill, t: TFunction): string {
  if (prefill.links.length === 0) return '';
  const links = prefill.links.map((l) => `${l.name}: ${t(`duty.linkState.${l.state}`)}`).join('; ');
  return `${links}\n${t('duty.handover.queue', { queued: prefill.queued, parked: prefill.parked })}`;
}

/** 交接班: the outgoing shift's record, filled in from the console, then signed by both officers (a confirm step each). */
export function HandoverForm({
  prefill,
  onSign,
  onCancel,
}: {
  prefill: HandoverPrefill;
  onSign: (p: SignHandoverParams) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const shift = prefill.shift;
  const [done, setDone] = useState(t('duty.handover.doneFilled', { count: prefill.entries }));
  const [pending, setPending] = useState(prefill.openCalls.map((c) => `${c.caller}: ${c.summary}`).join('\n'));
  const [tasks, setTasks] = useState('');
  const [equipment, setEquipment] = useState(() => equipmentText(prefill, t));
  const [hazards, setHazards] = useState('');
  const [outgoing, setOutgoing] = useState(shift?.onDuty[0] ?? '');
  const [incoming, setIncoming] = useState('');
  const [leader, setLeader] = useState(shift?.leader ?? '');
  const [outOk, setOutOk] = useState(false);
  const [inOk, setInOk] = useState(false);
  if (!shift) return <p className="view-message">{t('duty.handover.noShift')}</p>;
  const area = (label: string, value: string, set: (v: string) => void, id: string) => (
    <label className="duty-field wide" htmlFor={id}>
      <span>{label}</span>
      <textarea id={id} value={value} rows={2} maxLength={2000} onChange={(e) => set(e.target.value)} />
    </label>
  );
  return (
    <form
      className="duty-card duty-form handover-form"
      aria-label={t('duty.handover.title')}
      onSubmit={(e) => {
        e.preventDefault();
        onSign({
          done,
          pending,
          tasks,
          equipment,
          hazards,
          outgoing,
          incoming,
          outgoingConfirmed: true,
          incomingConfirmed: true,
          next: { onDuty: [incoming], leader },
        });
      }}
    >
      <h2>{t('duty.handover.title')}</h2>
      {area(t('duty.handover.done'), done, setDone, 'ho-done')}
      {area(t('duty.handover.pending'), pending, setPending, 'ho-pending')}
      {area(t('duty.handover.tasks'), tasks, setTasks, 'ho-tasks')}
      {area(t('duty.handover.equipment'), equipment, setEquipment, 'ho-equipment')}
      {area(t('duty.handover.hazards'), hazards, setHazards, 'ho-hazards')}
      <NamePicker
        id="ho-outgoing"
        label={t('duty.handover.outgoing')}
        value={outgoing}
        onChange={setOutgoing}
        names={prefill.names}
        required
      />
      <NamePicker
        id="ho-incoming"
        label={t('duty.handover.incoming')}
        value={incoming}
        onChange={setIncoming}
        names={prefill.names}
        required
      />
      <NamePicker id="ho-leader" label={t('duty.handover.nextLeader')} value={leader} onChange={setLeader} names={prefill.names} required />
      <label className="duty-confirm">
        <input type="checkbox" checked={outOk} onChange={(e) => setOutOk(e.target.checked)} />
        <span>{t('duty.handover.confirmOut', { name: outgoing || '—' })}</span>
      </label>
      <label className="duty-confirm">
        <input type="checkbox" checked={inOk} onChange={(e) => setInOk(e.target.checked)} />
        <span>{t('duty.handover.confirmIn', { name: incoming || '—' })}</span>
      </label>
      {!outOk || !inOk ? <p className="view-message">{t('duty.handover.needBoth')}</p> : null}
      <div className="duty-actions">
        <button type="submit" className="primary" disabled={!outOk || !inOk}>
          {t('duty.handover.sign')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('duty.handover.cancel')}
        </button>
      </div>
    </form>
  );
}
