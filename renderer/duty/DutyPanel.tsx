import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDutyTime } from './dutyTime';
import type { DutyCallView, DutyHandoverView, HandoverPrefill } from '../../protocol/api/duty';
import { ErrorText } from '../frame/ErrorText';
import { shownError } from '../i18n/errorText';
import { CallLog } from './CallLog';
import type { DutyBackend, DutySnapshot } from './dutyBackend';
import { DutyLog } from './DutyLog';
import { HandoverForm } from './HandoverForm';
import { HandoverSheet } from './HandoverSheet';
import { ShiftCard } from './ShiftCard';

/**
 * The duty screen (值班值守), for the console's crew and the center's staff alike: the shift,
 * the log, the phone log and the handover with its printable sheet. `reload` changes when
 * the duty changed elsewhere (an event), so the screen reads it again.
 */
export function DutyPanel({
  backend,
  unit,
  reload,
  onIncident,
  emptyLogKey,
}: {
  backend: DutyBackend;
  /** Whose duty: the vehicle's or the center's name, on the printed sheet. */
  unit: string;
  reload: number;
  onIncident?: (call: DutyCallView) => void;
  /** Why an empty log is empty (default: a vehicle's, where automatic entries appear). */
  emptyLogKey?: string;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDutyTime();
  const [snap, setSnap] = useState<DutySnapshot | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [prefill, setPrefill] = useState<HandoverPrefill | undefined>();
  const [sheet, setSheet] = useState<DutyHandoverView | undefined>();

  const load = useCallback(() => backend.load().then(setSnap, setError), [backend]);
  useEffect(() => {
    void load();
  }, [load, reload]);
  const act = (work: Promise<unknown>) =>
    work.then(
      () => {
        setError(null);
        return load();
      },
      (e: unknown) => setError(e),
    );

  if (sheet) return <HandoverSheet handover={sheet} unit={unit} onClose={() => setSheet(undefined)} />;
  if (!snap) return error ? <ErrorText error={shownError(error)} /> : null;
  return (
    <div className="duty-panel">
      {error ? <ErrorText error={shownError(error)} /> : null}
      <div className="duty-columns">
        <div className="duty-column">
          <ShiftCard
            shift={snap.shift}
            names={snap.names}
            onStart={(onDuty, leader) => void act(backend.startShift({ onDuty, leader }))}
            onEnd={() => void act(backend.endShift())}
          />
          {prefill ? (
            <HandoverForm
              prefill={prefill}
              onCancel={() => setPrefill(undefined)}
              onSign={(p) =>
                void backend.signHandover(p).then(
                  (signed) => {
                    setPrefill(undefined);
                    setSheet(signed.handover);
                    void load();
                  },
                  (e: unknown) => setError(e),
                )
              }
            />
          ) : snap.shift ? (
            <button type="button" className="duty-handover-open" onClick={() => void backend.prefill().then(setPrefill, setError)}>
              {t('duty.handover.open')}
            </button>
          ) : null}
          {snap.handovers.length > 0 ? (
            <section className="duty-card" aria-label={t('duty.handover.past')}>
              <h2>{t('duty.handover.past')}</h2>
              <ul className="duty-handovers">
                {snap.handovers.map((h) => (
                  <li key={h.id}>
                    <span>
                      {dateTime(h.signedAt)} · {h.outgoing} → {h.incoming}
                    </span>
                    <button type="button" className="secondary" onClick={() => setSheet(h)}>
                      {t('duty.sheet.show')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <CallLog
            calls={snap.calls}
            onAdd={(c) => void act(backend.addCall(c))}
            onPass={(id, passedTo) => void act(backend.updateCall({ id, passedTo }))}
            {...(onIncident ? { onIncident } : {})}
          />
        </div>
        <div className="duty-column">
          <DutyLog
            entries={snap.entries}
            onAdd={(text) => void act(backend.addEntry({ text }))}
            {...(emptyLogKey ? { emptyKey: emptyLogKey } : {})}
          />
        </div>
      </div>
    </div>
  );
}
