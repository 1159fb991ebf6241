import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDutyTime } from './dutyTime';
import type { DutyEntryView } from '../../protocol/api/duty';

type Filter = 'all' | 'manual' | 'auto' | 'today';

/** The log, newest first: automatic entries (links, orders, reports, sync) and written ones; filter and write. */
export function DutyLog({
  entries,
  onAdd,
  readOnly = false,
  emptyKey = 'duty.log.empty',
}: {
  entries: DutyEntryView[];
  onAdd?: (text: string) => void;
  readOnly?: boolean;
  /** Why the log is empty, where it is kept (automatic entries exist only in a vehicle). */
  emptyKey?: string;
}) {
  const { t } = useTranslation();
  const { dateTime } = useDutyTime();
  const [filter, setFilter] = useState<Filter>('all');
  const [text, setText] = useState('');
  const dayStart = new Date();
  dayStart.setHours(0, 0, 0, 0);
  const shown = entries.filter((e) =>
    filter === 'manual' ? !e.auto : filter === 'auto' ? e.auto : filter === 'today' ? e.at >= dayStart.getTime() : true,
  );
  return (
    <section className="duty-card duty-log" aria-label={t('duty.log.title')}>
      <div className="duty-card-head">
        <h2>{t('duty.log.title')}</h2>
        <label className="duty-filter">
          <span>{t('duty.log.filter')}</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {(['all', 'today', 'manual', 'auto'] as const).map((f) => (
              <option key={f} value={f}>
                {t(`duty.log.show.${f}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!readOnly && onAdd ? (
        <form
          className="duty-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            onAdd(text.trim());
            setText('');
          }}
        >
          <input
            aria-label={t('duty.log.write')}
            placeholder={t('duty.log.write')}
            value={text}
            maxLength={2000}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="primary">
            {t('duty.log.add')}
          </button>
        </form>
      ) : null}
      {shown.length === 0 ? <p className="view-message">{t(entries.length === 0 ? emptyKey : 'duty.log.noneShown')}</p> : null}
      <ol className="duty-entries">
        {shown.map((e) => (
          <li key={e.id} className={e.auto ? 'auto' : 'manual'}>
            <time dateTime={new Date(e.at).toISOString()}>{dateTime(e.at)}</time>
            <span className={`duty-topic topic-${e.topic}`}>{t(`duty.topic.${e.topic}`)}</span>
            <span className="duty-text">{e.text}</span>
            {e.by ? <span className="duty-by">{e.by}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
