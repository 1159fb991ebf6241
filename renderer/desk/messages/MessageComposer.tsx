import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../protocol/sync/items';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { useDesk } from '../live/deskContext';
import { PriorityPicker } from '../common/PriorityPicker';

const MAX = 2000;

/** A plain message from staff to the vehicle (not an order: nothing to acknowledge). Ctrl+Enter sends. */
export function MessageComposer({ vehicleId, vehicleName }: { vehicleId: string; vehicleName: string }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<Exclude<Priority, 'bulk'>>('priority');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || busy) return;
    setBusy(true);
    api.sendMessage(vehicleId, { text: body, priority }).then(
      () => {
        setBusy(false);
        setText('');
        setProblem(null);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };

  return (
    <form className="compose desk-compose" onSubmit={send} data-testid="message-composer">
      <textarea
        className="compose-text"
        value={text}
        maxLength={MAX}
        rows={2}
        placeholder={t('desk.messages.placeholder', { vehicle: vehicleName })}
        aria-label={t('desk.messages.write')}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send();
        }}
        data-testid="message-text"
      />
      <div className="compose-row">
        <PriorityPicker value={priority} onChange={setPriority} />
        <span className={`compose-size${text.length > MAX * 0.9 ? ' over' : ''}`}>
          {t('desk.charCount', { count: text.length, max: MAX })}
        </span>
        <button type="submit" className="primary" disabled={!text.trim() || busy} data-testid="message-send">
          {busy ? t('desk.sending') : t('desk.messages.send')}
        </button>
      </div>
      {problem ? <ErrorText error={problem} template="desk.messages.notSent" /> : null}
    </form>
  );
}
