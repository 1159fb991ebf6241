import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { clockText } from '../deskTime';
import { useDesk } from '../live/deskContext';
import { cleanEntries, entryProblems, loadDraft, saveDraft, type DirectoryEntry } from './directoryDraft';
import { DirectoryTable } from './DirectoryTable';

/** Teams, experts, supplies and contacts: a draft kept here, sent down to all or chosen vehicles. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const { api, vehicles } = useDesk();
  const [entries, setEntries] = useState<DirectoryEntry[]>(loadDraft);
  const [toAll, setToAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [sent, setSent] = useState<{ count: number; at: number } | null>(null);

  useEffect(() => saveDraft(entries), [entries]);

  const clean = cleanEntries(entries);
  const invalid = clean.length === 0 || clean.length > 500 || clean.some((e) => entryProblems(e).length > 0);
  const noVehicle = toAll ? vehicles.length === 0 : chosen.length === 0;

  const send = () => {
    if (invalid || noVehicle || busy) return;
    setBusy(true);
    api.sendDirectory({ entries: clean, ...(toAll ? {} : { vehicleIds: chosen }) }).then(
      (answer) => {
        setBusy(false);
        setProblem(null);
        setSent({ count: new Set(answer.queued.map((q) => q.vehicleId)).size, at: Date.now() });
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };

  return (
    <section className="desk-page directory-page" data-testid="directory-page">
      <div className="view-head">
        <h1>{t('desk.directory.title')}</h1>
        <span className="view-summary">{t('desk.directory.count', { count: clean.length })}</span>
      </div>
      <p className="page-hint">{t('desk.directory.hint')}</p>
      <div className="directory-layout">
        <div className="desk-panel">
          <DirectoryTable entries={entries} onChange={setEntries} />
          <div className="compose-row">
            <button type="button" onClick={() => setEntries([...entries, { name: '', role: '', contact: '' }])} data-testid="directory-add">
              {t('desk.directory.add')}
            </button>
            {entries.length === 0 ? <span className="cell-muted">{t('desk.directory.empty')}</span> : null}
          </div>
        </div>
        <div className="desk-panel directory-send">
          <h2>{t('desk.directory.sendTo')}</h2>
          <label className="check">
            <input type="radio" name="directory-to" checked={toAll} onChange={() => setToAll(true)} />
            {t('desk.orders.toMode.all', { count: vehicles.length })}
          </label>
          <label className="check">
            <input type="radio" name="directory-to" checked={!toAll} onChange={() => setToAll(false)} />
            {t('desk.orders.toMode.some')}
          </label>
          {!toAll ? (
            <div className="check-list">
              {vehicles.map((v) => (
                <label key={v.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(v.id)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, v.id] : chosen.filter((id) => id !== v.id))}
                  />
                  {v.name}
                </label>
              ))}
            </div>
          ) : null}
          <p className="field-hint">{t('desk.directory.replaces')}</p>
          {problem ? <ErrorText error={problem} template="desk.directory.notSent" /> : null}
          <button type="button" className="primary" disabled={busy || invalid || noVehicle} onClick={send} data-testid="directory-send">
            {busy ? t('desk.sending') : t('desk.directory.send', { count: clean.length })}
          </button>
          {sent ? (
            <p className="compose-done" role="status">
              {t('desk.directory.sent', { count: sent.count, time: clockText(sent.at, sent.at) })}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
