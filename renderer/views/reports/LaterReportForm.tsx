import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Casualties } from '../../../protocol/sync/incidents';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { CasualtyFields, casualtiesOrUndefined, NO_CASUALTIES } from './CasualtyFields';
import { PhotoPicker, type PickedFile } from './PhotoPicker';
import { readReporter } from './ReporterFields';

/** A 续报 (progress since the last report; numbered by the core) or the 终报 (summary, next steps; closes the incident). */
export function LaterReportForm(props: { incidentId: string; stage: 'followup' | 'final'; number: number; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useCore();
  const [text, setText] = useState('');
  const [nextSteps, setNextSteps] = useState('');
  const [measures, setMeasures] = useState('');
  const [casualties, setCasualties] = useState<Casualties>(NO_CASUALTIES);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | undefined>(undefined);
  const sending = files.some((f) => !f.staged && !f.error);
  const final = props.stage === 'final';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reporter = readReporter();
    setBusy(true);
    client
      .call('reports.add', {
        incidentId: props.incidentId,
        stage: props.stage,
        text: text.trim(),
        ...(casualtiesOrUndefined(casualties) ? { casualties } : {}),
        ...(measures.trim() ? { measures: measures.trim() } : {}),
        ...(final && nextSteps.trim() ? { nextSteps: nextSteps.trim() } : {}),
        ...(reporter.name.trim() ? { reporterName: reporter.name.trim() } : {}),
        ...(reporter.phone.trim() ? { reporterPhone: reporter.phone.trim() } : {}),
        files: files.flatMap((f) => (f.staged ? [{ id: f.staged.id, priority: f.priority }] : [])),
      })
      .then(
        () => {
          setBusy(false);
          props.onDone();
        },
        (failure: unknown) => {
          setBusy(false);
          setError(shownError(failure));
        },
      );
  };

  return (
    <form className="report-form later-report" onSubmit={submit} data-testid="later-report-form">
      <h2>{final ? t('reports.later.finalTitle') : t('reports.later.followupTitle', { number: props.number })}</h2>
      <p className="view-summary">{final ? t('reports.later.finalWhy') : t('reports.later.followupWhy')}</p>
      <div className="report-form-grid">
        <label className="wide">
          {final ? t('reports.later.summary') : t('reports.later.progress')}
          <textarea
            required
            rows={3}
            maxLength={2000}
            value={text}
            data-testid="later-report-text"
            onChange={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <label className="wide">
          {t('reports.field.measures')}
          <input maxLength={1000} value={measures} onChange={(e) => setMeasures(e.currentTarget.value)} />
        </label>
        {final ? (
          <label className="wide">
            {t('reports.field.nextSteps')}
            <input maxLength={1000} value={nextSteps} onChange={(e) => setNextSteps(e.currentTarget.value)} />
          </label>
        ) : null}
        <CasualtyFields value={casualties} onChange={setCasualties} />
        <div className="wide">
          <PhotoPicker files={files} onChange={setFiles} />
        </div>
      </div>
      {error ? <ErrorText error={error} /> : null}
      <div className="report-form-actions">
        <button
          type="submit"
          className={`primary send${final ? ' final' : ''}`}
          disabled={busy || sending || !text.trim()}
          data-testid="later-report-send"
        >
          {sending ? t('reports.form.waitFiles') : final ? t('reports.later.sendFinal') : t('reports.later.sendFollowup')}
        </button>
        <button type="button" onClick={props.onDone}>
          {t('reports.form.cancel')}
        </button>
      </div>
    </form>
  );
}
