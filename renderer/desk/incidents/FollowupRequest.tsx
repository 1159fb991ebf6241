import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { clockText } from '../deskTime';
import { useDesk } from '../live/deskContext';

/** Ask the crew for a follow-up (续报): a short text the vehicle shows as an alert. */
export function FollowupRequest({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [sentAt, setSentAt] = useState<number | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    api.requestFollowup(incidentId, text.trim()).then(
      () => {
        setBusy(false);
        setProblem(null);
        setText('');
        setOpen(false);
        setSentAt(Date.now());
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };
  return (
    <div className="followup-request">
      {open ? (
        <form className="followup-form" onSubmit={submit}>
          <input
            className="desk-input"
            value={text}
            maxLength={500}
            placeholder={t('desk.incidents.followup.hint')}
            onChange={(e) => setText(e.target.value)}
            data-testid="desk-followup-text"
            autoFocus
          />
          <button type="submit" className="primary" disabled={busy || !text.trim()} data-testid="desk-followup-send">
            {t('desk.incidents.followup.send')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('desk.incidents.followup.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setOpen(true)} data-testid="desk-followup-request">
          {t('desk.incidents.followup.ask')}
        </button>
      )}
      {sentAt !== null ? (
        <span className="compose-done" role="status">
          {t('desk.incidents.followup.sent', { time: clockText(sentAt, sentAt) })}
        </span>
      ) : null}
      {problem ? <ErrorText error={problem} template="desk.incidents.followup.notSent" /> : null}
    </div>
  );
}
