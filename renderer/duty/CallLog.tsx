import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDutyTime } from './dutyTime';
import type { DutyCallView } from '../../protocol/api/duty';

const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** The phone log (接报): the form (time, unit, caller, phone, what was reported, passed to) and the calls taken, each one tap from an incident. */
export function CallLog({
  calls,
  onAdd,
  onPass,
  onIncident,
}: {
  calls: DutyCallView[];
  onAdd: (call: { at: number; unit: string; caller: string; phone: string; summary: string; passedTo?: string }) => void;
  onPass: (id: string, passedTo: string) => void;
  /** Absent where incidents are not opened from calls. */
  onIncident?: (call: DutyCallView) => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDutyTime();
  const [at, setAt] = useState(() => toLocalInput(Date.now()));
  const [unit, setUnit] = useState('');
  const [caller, setCaller] = useState('');
  const [phone, setPhone] = useState('');
  const [summary, setSummary] = useState('');
  const [passedTo, setPassedTo] = useState('');
  return (
    <section className="duty-card duty-calls" aria-label={t('duty.calls.title')}>
      <h2>{t('duty.calls.title')}</h2>
      <form
        className="duty-form duty-call-form"
        onSubmit={(e) => {
          e.preventDefault();
          onAdd({ at: new Date(at).getTime(), unit, caller, phone, summary, ...(passedTo.trim() ? { passedTo } : {}) });
          setUnit('');
          setCaller('');
          setPhone('');
          setSummary('');
          setPassedTo('');
          setAt(toLocalInput(Date.now()));
        }}
      >
        <label className="duty-field">
          <span>{t('duty.calls.at')}</span>
          <input type="datetime-local" value={at} required onChange={(e) => setAt(e.target.value)} />
        </label>
        <label className="duty-field">
          <span>{t('duty.calls.unit')}</span>
          <input value={unit} maxLength={100} onChange={(e) => setUnit(e.target.value)} />
        </label>
        <label className="duty-field">
          <span>{t('duty.calls.caller')}</span>
          <input value={caller} maxLength={50} required onChange={(e) => setCaller(e.target.value)} />
        </label>
        <label className="duty-field">
          <span>{t('duty.calls.phone')}</span>
          <input type="tel" value={phone} maxLength={30} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label className="duty-field wide">
          <span>{t('duty.calls.summary')}</span>
          <textarea value={summary} maxLength={2000} rows={2} required onChange={(e) => setSummary(e.target.value)} />
        </label>
        <label className="duty-field">
          <span>{t('duty.calls.passedTo')}</span>
          <input value={passedTo} maxLength={100} onChange={(e) => setPassedTo(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          {t('duty.calls.add')}
        </button>
      </form>
      {calls.length === 0 ? <p className="view-message">{t('duty.calls.none')}</p> : null}
      <ol className="duty-call-list">
        {calls.map((c) => (
          <li key={c.id} data-testid="duty-call">
            <div className="duty-call-head">
              <time>{dateTime(c.at)}</time>
              <strong>
                {c.unit ? `${c.unit} · ` : ''}
                {c.caller}
              </strong>
              {c.phone ? <span>{c.phone}</span> : null}
            </div>
            <p>{c.summary}</p>
            <div className="duty-call-state">
              {c.incidentId ? (
                <span className="duty-tag ok">{t('duty.calls.isIncident')}</span>
              ) : c.passedTo ? (
                <span className="duty-tag ok">{t('duty.calls.passed', { to: c.passedTo })}</span>
              ) : (
                <PassOn onPass={(to) => onPass(c.id, to)} />
              )}
              {onIncident && !c.incidentId ? (
                <button type="button" className="secondary" onClick={() => onIncident(c)} data-testid="call-to-incident">
                  {t('duty.calls.toIncident')}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function PassOn({ onPass }: { onPass: (to: string) => void }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  return (
    <span className="duty-pass">
      <span className="duty-tag warn">{t('duty.calls.notPassed')}</span>
      <input
        aria-label={t('duty.calls.passedTo')}
        placeholder={t('duty.calls.passedTo')}
        value={to}
        maxLength={100}
        onChange={(e) => setTo(e.target.value)}
      />
      <button type="button" className="secondary" disabled={!to.trim()} onClick={() => onPass(to.trim())}>
        {t('duty.calls.pass')}
      </button>
    </span>
  );
}
