import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import { EntryView } from './EntryView';
import { MessageComposer } from './MessageComposer';
import { unreadIds } from './receipts';

/**
 * The conversation with one vehicle, both ways, oldest first, with the composer below. What
 * the vehicle sent is marked read by this staff member as soon as it is on screen.
 */
export function Conversation({ vehicleId, vehicleName }: { vehicleId: string; vehicleName: string }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const now = useNow(15_000);
  const { data, problem, loading } = useDeskQuery(`conversation:${vehicleId}`, () => api.conversation(vehicleId));
  const asked = useRef(new Set<string>());
  const listRef = useRef<HTMLOListElement>(null);
  const entries = data?.entries;

  useEffect(() => {
    if (!entries) return;
    const ids = unreadIds(entries).filter((id) => !asked.current.has(id));
    if (ids.length === 0) return;
    for (const id of ids) asked.current.add(id);
    for (let i = 0; i < ids.length; i += 100)
      void api.markRead(vehicleId, ids.slice(i, i + 100)).catch(() => ids.forEach((id) => asked.current.delete(id)));
  }, [entries, api, vehicleId]);

  const count = entries?.length ?? 0;
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  return (
    <div className="conversation" data-testid="conversation" data-vehicle-id={vehicleId} data-loading={loading && !entries}>
      {problem ? <ErrorText error={problem} /> : null}
      {loading && !entries ? <p className="view-message">{t('desk.loading')}</p> : null}
      {entries && entries.length === 0 ? <p className="view-message">{t('desk.messages.empty', { vehicle: vehicleName })}</p> : null}
      <ol className="conversation-list" ref={listRef}>
        {entries?.map((entry) => (
          <EntryView key={`${entry.direction}:${entry.id}`} entry={entry} now={now} />
        ))}
      </ol>
      <MessageComposer vehicleId={vehicleId} vehicleName={vehicleName} />
    </div>
  );
}
