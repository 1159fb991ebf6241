import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_TYPES, IncidentCategory, IncidentHeader, IncidentLevel } from '../../../protocol/sync/incidents';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { useDesk } from '../live/deskContext';
import { typeText } from './incidentText';

/** A datetime-local value for now (the browser's zone). */
function localNow(): string {
  const d = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/**
 * Staff open an incident themselves, e.g. from a phone call (接报): what, how serious, where,
 * when it happened, and what the caller said. Checked against the protocol's schema before
 * it is sent; the form says which field is wrong.
 */
export function NewIncidentForm({ onOpened }: { onOpened: (id: string) => void }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [category, setCategory] = useState<IncidentCategory>('natural');
  const [type, setType] = useState<string>(INCIDENT_TYPES.natural[0]!);
  const [level, setLevel] = useState<IncidentLevel>('unassessed');
  const [title, setTitle] = useState('');
  const [placeText, setPlaceText] = useState('');
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [occurred, setOccurred] = useState(localNow);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [invalid, setInvalid] = useState<string[]>([]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const candidate = {
      category,
      type,
      level,
      title: title.trim(),
      ...(placeText.trim() ? { placeText: placeText.trim() } : {}),
      ...(lat.trim() ? { latitude: Number(lat) } : {}),
      ...(lon.trim() ? { longitude: Number(lon) } : {}),
      occurredAt: new Date(occurred).getTime(),
    };
    const header = IncidentHeader.safeParse(candidate);
    if (!header.success) {
      setInvalid([...new Set(header.error.issues.map((issue) => String(issue.path[0])))]);
      return;
    }
    setInvalid([]);
    setBusy(true);
    api.openIncident({ header: header.data, ...(note.trim() ? { note: note.trim() } : {}) }).then(
      (incident) => onOpened(incident.id),
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };
  const bad = (field: string) => (invalid.includes(field) ? true : undefined);

  return (
    <form className="compose incident-form" onSubmit={submit} noValidate data-testid="desk-incident-form">
      <h2>{t('desk.incidents.form.title')}</h2>
      <p className="form-why">{t('desk.incidents.form.why')}</p>
      <div className="field-row">
        <label>
          {t('desk.incidents.form.category')}
          <select
            className="desk-input"
            value={category}
            onChange={(e) => {
              const next = e.target.value as IncidentCategory;
              setCategory(next);
              setType(INCIDENT_TYPES[next][0]!);
            }}
          >
            {IncidentCategory.options.map((c) => (
              <option key={c} value={c}>
                {t(`desk.incidents.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk.incidents.form.type')}
          <select className="desk-input" value={type} onChange={(e) => setType(e.target.value)}>
            {INCIDENT_TYPES[category].map((ty) => (
              <option key={ty} value={ty}>
                {typeText(t, ty)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk.incidents.form.level')}
          <select className="desk-input" value={level} onChange={(e) => setLevel(e.target.value as IncidentLevel)}>
            {IncidentLevel.options.map((l) => (
              <option key={l} value={l}>
                {t(`desk.incidents.level.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('desk.incidents.form.occurredAt')}
          <input
            className="desk-input"
            type="datetime-local"
            value={occurred}
            onChange={(e) => setOccurred(e.target.value)}
            aria-invalid={bad('occurredAt')}
          />
        </label>
      </div>
      <div className="field-row">
        <label className="grow">
          {t('desk.incidents.form.headline')}
          <input
            className="desk-input"
            value={title}
            maxLength={100}
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={bad('title')}
            data-testid="desk-incident-title"
          />
        </label>
      </div>
      <div className="field-row">
        <label className="grow">
          {t('desk.incidents.form.place')}
          <input className="desk-input" value={placeText} maxLength={200} onChange={(e) => setPlaceText(e.target.value)} />
        </label>
        <label>
          {t('desk.incidents.form.latitude')}
          <input
            className="desk-input"
            inputMode="decimal"
            value={lat}
            onChange={(e) => setLat(e.target.value)}
            aria-invalid={bad('latitude')}
          />
        </label>
        <label>
          {t('desk.incidents.form.longitude')}
          <input
            className="desk-input"
            inputMode="decimal"
            value={lon}
            onChange={(e) => setLon(e.target.value)}
            aria-invalid={bad('longitude')}
          />
        </label>
      </div>
      <label className="field">
        {t('desk.incidents.form.note')}
        <textarea className="compose-text" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {invalid.length > 0 ? (
        <p className="field-problem">
          {t('desk.incidents.form.invalid', {
            fields: invalid.map((f) => t(`desk.incidents.form.field.${f}`, { defaultValue: f })).join(', '),
          })}
        </p>
      ) : null}
      {problem ? <ErrorText error={problem} template="desk.incidents.form.notOpened" /> : null}
      <div className="compose-row">
        <button type="submit" className="primary" disabled={busy} data-testid="desk-incident-open">
          {busy ? t('desk.sending') : t('desk.incidents.form.submit')}
        </button>
      </div>
    </form>
  );
}
