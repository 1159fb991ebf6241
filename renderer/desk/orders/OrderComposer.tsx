import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderCompose } from '../../../protocol/sync/desk';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { useNow } from '../../hooks/useNow';
import { PriorityPicker, type SendPriority } from '../common/PriorityPicker';
import { clockText } from '../deskTime';
import { useDesk } from '../live/deskContext';
import { DeadlineField } from './DeadlineField';
import { OrderIncidentChip } from '../incidents/OrderIncidentChip';
import { parseDeadline, parsePlace, type PlaceFields } from './orderForm';
import { PlaceFieldset } from './PlaceFieldset';
import { RecipientPicker, type Recipients } from './RecipientPicker';
import type { OrderPlace } from '../shell/deskRoute';

const MAX = 2000;
const NO_PLACE: PlaceFields = { latitude: '', longitude: '', label: '' };

/** 下达: compose an order to one vehicle, a chosen set or all, with priority, 执行时限 and target place. */
export function OrderComposer({
  initialTo,
  incident: preset,
  place: presetPlace,
}: {
  initialTo: string | undefined;
  incident?: { id: string; title: string } | undefined;
  /** A place picked on the fleet map. */
  place?: OrderPlace | undefined;
}) {
  const { t } = useTranslation();
  const { api, vehicles } = useDesk();
  const [to, setTo] = useState<Recipients>(() => ({ mode: 'one', vehicleId: initialTo ?? vehicles[0]?.id ?? '' }));
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<SendPriority>('immediate');
  const [requireAck, setRequireAck] = useState(true);
  const [deadline, setDeadline] = useState('');
  const [place, setPlace] = useState<PlaceFields>(() =>
    presetPlace ? { latitude: presetPlace.latitude.toFixed(6), longitude: presetPlace.longitude.toFixed(6), label: '' } : NO_PLACE,
  );
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [issued, setIssued] = useState<{ count: number; at: number } | null>(null);
  const [incident, setIncident] = useState(preset);

  const target = parsePlace(place);
  const now = useNow(15_000);
  const due = parseDeadline(deadline, now);
  const noRecipient = (to.mode === 'one' && !to.vehicleId) || (to.mode === 'some' && to.vehicleIds.length === 0) || vehicles.length === 0;
  const invalid = !text.trim() || noRecipient || target.problems.length > 0 || due.problem !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (invalid || busy) return;
    const compose: OrderCompose = {
      to: to.mode === 'all' ? { all: true } : { vehicleIds: to.mode === 'one' ? [to.vehicleId] : to.vehicleIds },
      text: text.trim(),
      priority,
      requireAck,
      ...(due.deadline !== undefined ? { deadline: due.deadline } : {}),
      ...(target.place ? { target: target.place } : {}),
      ...(incident ? { incidentId: incident.id } : {}),
    };
    setBusy(true);
    api.composeOrder(compose).then(
      (order) => {
        setBusy(false);
        setProblem(null);
        setIssued({ count: order.recipients.length, at: order.createdAt });
        setText('');
        setDeadline('');
        setPlace(NO_PLACE);
        setTried(false);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };

  return (
    <form className="compose order-composer" onSubmit={submit} data-testid="order-composer" noValidate>
      <h2>{t('desk.orders.compose')}</h2>
      {incident ? <OrderIncidentChip title={incident.title} onRemove={() => setIncident(undefined)} /> : null}
      <RecipientPicker vehicles={vehicles} value={to} onChange={setTo} />
      <label className="field">
        {t('desk.orders.text')}
        <textarea
          className="compose-text"
          value={text}
          maxLength={MAX}
          rows={3}
          placeholder={t('desk.orders.textHint')}
          aria-invalid={tried && !text.trim() ? true : undefined}
          onChange={(e) => setText(e.target.value)}
          data-testid="order-text"
        />
      </label>
      <div className="compose-row">
        <PriorityPicker value={priority} onChange={setPriority} />
        <label className="check">
          <input type="checkbox" checked={requireAck} onChange={(e) => setRequireAck(e.target.checked)} />
          {t('desk.orders.requireAck')}
        </label>
        <span className={`compose-size${text.length > MAX * 0.9 ? ' over' : ''}`}>
          {t('desk.charCount', { count: text.length, max: MAX })}
        </span>
      </div>
      <DeadlineField
        value={deadline}
        onChange={setDeadline}
        problem={due.problem ? t(`desk.orders.deadlineProblem.${due.problem}`) : undefined}
      />
      <PlaceFieldset value={place} onChange={setPlace} problems={target.problems} />
      {tried && !text.trim() ? <p className="field-problem">{t('desk.orders.textMissing')}</p> : null}
      {tried && noRecipient ? <p className="field-problem">{t('desk.orders.noRecipient')}</p> : null}
      {problem ? <ErrorText error={problem} template="desk.orders.notIssued" /> : null}
      <div className="compose-row">
        <button type="submit" className="primary" disabled={busy} data-testid="order-issue">
          {busy ? t('desk.sending') : t('desk.orders.issue')}
        </button>
        {issued ? (
          <span className="compose-done" role="status" data-testid="order-issued">
            {t('desk.orders.issued', { count: issued.count, time: clockText(issued.at, issued.at) })}
          </span>
        ) : null}
      </div>
    </form>
  );
}
