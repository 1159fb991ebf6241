import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDutyTime } from './dutyTime';
import type { DutyName, DutyShiftView } from '../../protocol/api/duty';
import { NamePicker } from './NamePicker';

/** The shift on duty (值班员, 带班领导, since when), or the form that starts one; says why nothing is on. */
export function ShiftCard({
  shift,
  names,
  onStart,
  onEnd,
}: {
  shift: DutyShiftView | null;
  names: DutyName[];
  onStart: (onDuty: string[], leader: string) => void;
  onEnd: () => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDutyTime();
  const [officer, setOfficer] = useState('');
  const [second, setSecond] = useState('');
  const [leader, setLeader] = useState('');
  if (shift) {
    return (
      <section className="duty-card duty-shift" aria-label={t('duty.shift.title')} data-testid="duty-shift">
        <h2>{t('duty.shift.title')}</h2>
        <dl className="duty-facts">
          <dt>{t('duty.shift.onDuty')}</dt>
          <dd>{shift.onDuty.join('、')}</dd>
          <dt>{t('duty.shift.leader')}</dt>
          <dd>{shift.leader}</dd>
          <dt>{t('duty.shift.since')}</dt>
          <dd>{dateTime(shift.startAt)}</dd>
        </dl>
        <button type="button" className="secondary" onClick={onEnd}>
          {t('duty.shift.end')}
        </button>
      </section>
    );
  }
  return (
    <section className="duty-card duty-shift" aria-label={t('duty.shift.title')} data-testid="duty-shift">
      <h2>{t('duty.shift.title')}</h2>
      <p className="view-message">{t('duty.shift.none')}</p>
      <form
        className="duty-form"
        onSubmit={(e) => {
          e.preventDefault();
          onStart([officer, second].map((n) => n.trim()).filter(Boolean), leader.trim());
        }}
      >
        <NamePicker id="duty-officer" label={t('duty.shift.onDuty')} value={officer} onChange={setOfficer} names={names} required />
        <NamePicker id="duty-officer-2" label={t('duty.shift.second')} value={second} onChange={setSecond} names={names} />
        <NamePicker id="duty-leader" label={t('duty.shift.leader')} value={leader} onChange={setLeader} names={names} required />
        <button type="submit" className="primary">
          {t('duty.shift.start')}
        </button>
      </form>
    </section>
  );
}
