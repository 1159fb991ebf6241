import { useTranslation } from 'react-i18next';
import type { DeskOrder, DeskOrderRecipient } from '../../../protocol/sync/desk';
import { Tone } from '../common/Tone';
import { ViaBadge } from '../common/ViaBadge';
import { clockText } from '../deskTime';
import { progressTone, recipientOverdue } from './orderModel';

/** One recipient of an order: its state in words, and every step with its time and who. */
export function RecipientRow({ order, recipient, now }: { order: DeskOrder; recipient: DeskOrderRecipient; now: number }) {
  const { t } = useTranslation();
  const overdue = recipientOverdue(order, recipient, now);
  return (
    <tr data-testid="order-recipient" data-vehicle-id={recipient.vehicleId} data-state={recipient.state} data-overdue={overdue}>
      <th scope="row">{recipient.vehicleName}</th>
      <td>
        <Tone tone={progressTone(recipient.state, overdue)}>{t(`desk.progress.${recipient.state}`)}</Tone>
        {overdue ? <span className="overdue-tag">{t('desk.orders.overdue')}</span> : null}
      </td>
      <td>
        <ol className="order-steps">
          {recipient.steps.map((step, i) => (
            <li key={`${step.state}-${i}`} className={`step step-${step.state}`}>
              <span className="step-state">{t(`desk.progress.${step.state}`)}</span>{' '}
              <time className="num" dateTime={new Date(step.at).toISOString()}>
                {clockText(step.at, now)}
              </time>
              {step.by ? <span className="step-by"> · {step.by}</span> : null}
              <ViaBadge via={step.via} now={now} />
              {step.reason ? <span className="step-reason"> — {t('desk.orders.reason', { reason: step.reason })}</span> : null}
            </li>
          ))}
        </ol>
      </td>
    </tr>
  );
}
