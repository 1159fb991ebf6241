import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../protocol/api/incidents';
import {
  INCIDENT_TYPES,
  IncidentCategory,
  IncidentLevel,
  firstReportPriority,
  type Casualties,
  type IncidentHeader,
} from '../../../protocol/sync/incidents';
import type { DutyCallView } from '../../../protocol/api/duty';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { PhotoPicker, type PickedFile } from './PhotoPicker';
import { LEVEL_NUMERAL } from './reportFormat';
import { ReporterFields, readReporter, rememberReporter } from './ReporterFields';
import { CasualtyFields, casualtiesOrUndefined, NO_CASUALTIES } from './CasualtyFields';

/** "2026-12-06T14:03" in local time, what a datetime-local input shows. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The 初报, made for speed: type and level pickers, one line of text, the GNSS fix with one
 * tap, a photo; everything else optional. The title defaults to the type and the time.
 */
export function NewIncidentForm(props: {
  onCreated: (incident: IncidentDetail) => void;
  onCancel: () => void;
  /** A phone-log entry (接报) this 初报 is made from: its summary, time and caller fill the form. */
  fromCall?: DutyCallView;
  /** A place clicked on the map (WGS-84): the incident's position. */
  place?: { latitude: number; longitude: number };
}) {
  const call = props.fromCall;
  const { t } = useTranslation();
  const client = useCore();
  const [category, setCategory] = useState<IncidentCategory>('natural');
  const [type, setType] = useState<string>(INCIDENT_TYPES.natural[0]!);
  const [level, setLevel] = useState<IncidentLevel>('unassessed');
  const [title, setTitle] = useState('');
  const [text, setText] = useState(call?.summary ?? '');
  const [placeText, setPlaceText] = useState('');
  const [latitude, setLatitude] = useState(props.place?.latitude.toFixed(6) ?? '');
  const [longitude, setLongitude] = useState(props.place?.longitude.toFixed(6) ?? '');
  const [fixNote, setFixNote] = useState<string | undefined>(undefined);
  const [occurredAt, setOccurredAt] = useState(() => localInput(call?.at ?? Date.now()));
  const [casualties, setCasualties] = useState<Casualties>(NO_CASUALTIES);
  const [more, setMore] = useState({ cause: '', impact: '', measures: '', help: '' });
  const [reporter, setReporter] = useState(() => (call ? { name: call.caller, phone: call.phone } : readReporter()));
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | undefined>(undefined);

  const useGnss = () => {
    client.call('position.latest', {}).then(
      (fix) => {
        if (!fix || fix.fixMode === 'none') {
          setFixNote(t('reports.form.noFix'));
          return;
        }
        setLatitude(fix.latitude.toFixed(6));
        setLongitude(fix.longitude.toFixed(6));
        setFixNote(t('reports.form.fixTaken', { time: new Date(fix.at).toLocaleTimeString() }));
      },
      (failure: unknown) => setError(shownError(failure)),
    );
  };
  const photoGps = files.find((f) => f.staged?.gps)?.staged?.gps;
  const sending = files.some((f) => !f.staged && !f.error);
  const typeLabel = t(`reports.type.${type}`, { defaultValue: type });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(occurredAt).getTime();
    const lat = Number(latitude);
    const lon = Number(longitude);
    const located = latitude.trim() !== '' && longitude.trim() !== '' && Number.isFinite(lat) && Number.isFinite(lon);
    const header: IncidentHeader = {
      category,
      type,
      level,
      title:
        optional(title) ??
        `${typeLabel} ${new Date(Number.isFinite(at) ? at : Date.now()).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })}`,
      ...(optional(placeText) ? { placeText: placeText.trim() } : {}),
      ...(located ? { latitude: lat, longitude: lon } : {}),
      occurredAt: Number.isFinite(at) ? at : Date.now(),
    };
    // The caller is this report's reporter, not the crew member who files reports next time.
    if (!call) rememberReporter(reporter);
    setBusy(true);
    client
      .call('incidents.create', {
        header,
        text: text.trim(),
        ...(casualtiesOrUndefined(casualties) ? { casualties } : {}),
        ...Object.fromEntries(Object.entries(more).flatMap(([k, v]) => (optional(v) ? [[k, v.trim()]] : []))),
        ...(optional(reporter.name) ? { reporterName: reporter.name.trim() } : {}),
        ...(optional(reporter.phone) ? { reporterPhone: reporter.phone.trim() } : {}),
        files: files.flatMap((f) => (f.staged ? [{ id: f.staged.id, priority: f.priority }] : [])),
      })
      .then(
        (incident) => {
          setBusy(false);
          // The call now points at its incident (the phone log shows it); a failure here leaves the report filed.
          if (call) void client.call('duty.updateCall', { id: call.id, incidentId: incident.id }).catch(() => undefined);
          props.onCreated(incident);
        },
        (failure: unknown) => {
          setBusy(false);
          setError(shownError(failure));
        },
      );
  };

  return (
    <form className="report-form" onSubmit={submit} data-testid="report-form">
      <div className="view-head">
        <h1>{t('reports.form.newTitle')}</h1>
        <span className="view-summary">{t('reports.form.travels', { priority: t(`priority.${firstReportPriority(level)}`) })}</span>
      </div>
      {call ? (
        <p className="form-note" data-testid="report-from-call">
          {t('reports.form.fromCall', { time: localInput(call.at).slice(11), unit: call.unit, caller: call.caller })}
        </p>
      ) : null}
      <div className="report-form-grid">
        <label>
          {t('reports.form.category')}
          <select
            value={category}
            data-testid="report-category"
            onChange={(event) => {
              const next = event.currentTarget.value as IncidentCategory;
              setCategory(next);
              setType(INCIDENT_TYPES[next][0]!);
            }}
          >
            {IncidentCategory.options.map((c) => (
              <option key={c} value={c}>
                {t(`reports.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.form.type')}
          <select value={type} data-testid="report-type" onChange={(event) => setType(event.currentTarget.value)}>
            {INCIDENT_TYPES[category].map((ty) => (
              <option key={ty} value={ty}>
                {t(`reports.type.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="level-picker" data-testid="report-level">
          <legend>{t('reports.form.level')}</legend>
          {IncidentLevel.options.map((l) => (
            <button
              key={l}
              type="button"
              className={`level-chip level-${l}${level === l ? ' selected' : ''}`}
              aria-pressed={level === l}
              data-level={l}
              onClick={() => setLevel(l)}
              title={t(`reports.level.${l}`)}
            >
              {l === 'unassessed' ? t('reports.level.unassessed') : `${LEVEL_NUMERAL[l]} ${t(`reports.level.${l}`)}`}
            </button>
          ))}
        </fieldset>
        <label className="wide">
          {t('reports.form.text')}
          <textarea
            required
            rows={2}
            maxLength={2000}
            value={text}
            data-testid="report-text"
            placeholder={t('reports.form.textPlaceholder')}
            onChange={(event) => setText(event.currentTarget.value)}
          />
        </label>
        <label>
          {t('reports.form.title')}
          <input
            value={title}
            maxLength={100}
            placeholder={typeLabel}
            data-testid="report-title"
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('reports.form.occurredAt')}
          <input type="datetime-local" value={occurredAt} onChange={(e) => setOccurredAt(e.currentTarget.value)} />
        </label>
        <div className="place-row wide">
          <button type="button" className="primary" onClick={useGnss} data-testid="report-use-gnss">
            {t('reports.form.useGnss')}
          </button>
          {photoGps && !latitude ? (
            <button
              type="button"
              onClick={() => {
                setLatitude(photoGps.latitude.toFixed(6));
                setLongitude(photoGps.longitude.toFixed(6));
                setFixNote(t('reports.form.fromPhoto'));
              }}
            >
              {t('reports.form.usePhotoGps')}
            </button>
          ) : null}
          <input
            aria-label={t('reports.form.latitude')}
            placeholder={t('reports.form.latitude')}
            inputMode="decimal"
            value={latitude}
            data-testid="report-latitude"
            onChange={(e) => setLatitude(e.currentTarget.value)}
          />
          <input
            aria-label={t('reports.form.longitude')}
            placeholder={t('reports.form.longitude')}
            inputMode="decimal"
            value={longitude}
            data-testid="report-longitude"
            onChange={(e) => setLongitude(e.currentTarget.value)}
          />
          <input
            aria-label={t('reports.form.place')}
            placeholder={t('reports.form.place')}
            maxLength={200}
            value={placeText}
            className="place-text"
            onChange={(e) => setPlaceText(e.currentTarget.value)}
          />
          {fixNote ? <span className="place-note">{fixNote}</span> : null}
        </div>
        <CasualtyFields value={casualties} onChange={setCasualties} />
        <details className="wide report-more">
          <summary>{t('reports.form.more')}</summary>
          {(['cause', 'impact', 'measures', 'help'] as const).map((key) => (
            <label key={key}>
              {t(`reports.field.${key}`)}
              <input maxLength={1000} value={more[key]} onChange={(e) => setMore({ ...more, [key]: e.currentTarget.value })} />
            </label>
          ))}
        </details>
        <ReporterFields value={reporter} onChange={setReporter} />
        <div className="wide">
          <PhotoPicker files={files} onChange={setFiles} />
        </div>
      </div>
      {error ? <ErrorText error={error} /> : null}
      <div className="report-form-actions">
        <button type="submit" className="primary send" disabled={busy || sending || !text.trim()} data-testid="report-send">
          {sending ? t('reports.form.waitFiles') : t('reports.form.send')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('reports.form.cancel')}
        </button>
      </div>
    </form>
  );
}
