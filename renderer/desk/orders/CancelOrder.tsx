import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { useDesk } from '../live/deskContext';

/** Cancelling an order: asks first, takes an optional reason; the vehicles are told. */
export function CancelOrder({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);

  if (!asking) {
    return (
      <button type="button" className="danger-quiet" onClick={() => setAsking(true)} data-testid="order-cancel">
        {t('desk.orders.cancel')}
      </button>
    );
  }
  const confirm = () => {
    setBusy(true);
    const why = reason.trim();
    api.cancelOrder(orderId, why ? { reason: why } : {}).then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };
  return (
    <div className="cancel-confirm" role="alertdialog" aria-label={t('desk.orders.cancelAsk')} data-testid="order-cancel-confirm">
      <strong>{t('desk.orders.cancelAsk')}</strong>
      <input
        className="desk-input"
        value={reason}
        maxLength={500}
        placeholder={t('desk.orders.cancelReason')}
        aria-label={t('desk.orders.cancelReason')}
        onChange={(e) => setReason(e.target.value)}
        data-testid="order-cancel-reason"
      />
      <button type="button" className="danger" disabled={busy} onClick={confirm} data-testid="order-cancel-yes">
        {t('desk.orders.cancelYes')}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        {t('desk.orders.cancelNo')}
      </button>
      {problem ? <ErrorText error={problem} /> : null}
    </div>
  );
}
