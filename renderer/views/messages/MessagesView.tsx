import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCore } from '../../api/coreContext';
import { useInbox, useMessages } from '../../hooks/useMessages';
import { useNow } from '../../hooks/useNow';
import { ComposeMessage } from './ComposeMessage';
import { InboxList } from './InboxList';
import { MessageList } from './MessageList';
import { ErrorText } from '../../frame/ErrorText';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { messagesSummary } from './messagesSummary';

/** Messages to the center and from it (staff messages, directory updates). Works the same with no link: everything waits in the queue. */
export function MessagesView() {
  const { t } = useTranslation();
  const client = useCore();
  const messages = useMessages();
  const inbox = useInbox();
  const now = useNow(15_000);
  const queued = messages.items.filter((m) => m.delivery.state === 'queued').length;
  const sync = useSyncStatus();
  const summary = messagesSummary({ sent: messages.items.length, queued, centerConfigured: sync?.state !== 'not-configured' });
  const orderTexts = new Map(inbox.items.flatMap((i) => (i.kind === 'order' ? [[i.id, i.body.text] as const] : [])));
  const unreadFromCenter = inbox.items.filter((i) => i.kind === 'center-message' && i.readAt === null).map((i) => i.id);
  // Shown is read: the crew's receipt goes to the center.
  useEffect(() => {
    for (const id of unreadFromCenter) client.call('inbox.markRead', { id }).catch(() => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, unreadFromCenter.join(',')]);
  return (
    <section className="messages-view" aria-labelledby="messages-title">
      <div className="view-head">
        <h1 id="messages-title">{t('messages.title')}</h1>
        <span className="view-summary">{t(summary.key, summary.count === undefined ? {} : { count: summary.count })}</span>
      </div>
      <div className="messages-layout">
        <div className="messages-column">
          <h2>{t('messages.toCenter')}</h2>
          <ComposeMessage />
          {messages.error ? <ErrorText error={messages.error} /> : null}
          <MessageList messages={messages.items} replyTexts={orderTexts} now={now} />
        </div>
        <div className="messages-column">
          <h2>{t('messages.fromCenter')}</h2>
          {inbox.error ? <ErrorText error={inbox.error} /> : null}
          <InboxList items={inbox.items} now={now} />
        </div>
      </div>
    </section>
  );
}
