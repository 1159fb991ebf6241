import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../protocol/sync/items';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';

const PRIORITIES: readonly Priority[] = ['flash', 'immediate', 'priority', 'routine'];
/** What fits one Iridium SBD message with room for the header (see the item codec). */
const SBD_TEXT_BYTES = 270;

/** Writes a message to the center. It is stored at once and waits in the queue if no link is up. */
export function ComposeMessage() {
  const { t } = useTranslation();
  const client = useCore();
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<Priority>('immediate');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ShownError | undefined>(undefined);
  const bytes = new TextEncoder().encode(text.trim()).length;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '' || sending) return;
    setSending(true);
    setError(undefined);
    client.call('messages.send', { text: text.trim(), priority }).then(
      () => {
        setText('');
        setSending(false);
      },
      (failure: unknown) => {
        setError(shownError(failure));
        setSending(false);
      },
    );
  };

  return (
    <form className="compose" onSubmit={submit} aria-label={t('messages.compose')}>
      <textarea
        className="compose-text"
        value={text}
        maxLength={2000}
        rows={3}
        placeholder={t('messages.placeholder')}
        aria-label={t('messages.text')}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      />
      <div className="compose-row">
        <div className="priority-picker" role="radiogroup" aria-label={t('messages.priority')}>
          {PRIORITIES.map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={priority === p}
              className={`priority-choice priority-${p}${priority === p ? ' selected' : ''}`}
              onClick={() => setPriority(p)}
            >
              {t(`priority.${p}`)}
            </button>
          ))}
        </div>
        <span className={`compose-size${bytes > SBD_TEXT_BYTES ? ' over' : ''}`} title={t('messages.sbdHint')}>
          {bytes === 0
            ? t('messages.sbdHint')
            : bytes > SBD_TEXT_BYTES
              ? t('messages.tooBigForSbd', { bytes })
              : t('messages.fitsSbd', { bytes })}
        </span>
        <button type="submit" className="primary" disabled={text.trim() === '' || sending}>
          {t('messages.send')}
        </button>
      </div>
      {error ? <ErrorText error={error} template="messages.sendFailed" /> : null}
    </form>
  );
}
