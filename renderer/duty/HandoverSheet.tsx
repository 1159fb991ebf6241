import { useTranslation } from 'react-i18next';
import { useDutyTime } from './dutyTime';
import type { DutyHandoverView } from '../../protocol/api/duty';

/**
 * The printable handover sheet (交接班记录), A4, in the UI's language: the only thing on
 * the page when printed (`@media print` in duty.css hides the rest).
 */
export function HandoverSheet({ handover, unit, onClose }: { handover: DutyHandoverView; unit: string; onClose?: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useDutyTime();
  const row = (label: string, value: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{value || '—'}</td>
    </tr>
  );
  return (
    <div className="handover-print" data-testid="handover-sheet">
      <article className="handover-sheet">
        <h1>{t('duty.sheet.title')}</h1>
        <p className="handover-sub">
          {unit} · {t('duty.sheet.signedAt', { time: dateTime(handover.signedAt) })}
        </p>
        <table>
          <tbody>
            {row(t('duty.handover.done'), handover.done)}
            {row(t('duty.handover.pending'), handover.pending)}
            {row(t('duty.handover.tasks'), handover.tasks)}
            {row(t('duty.handover.equipment'), handover.equipment)}
            {row(t('duty.handover.hazards'), handover.hazards)}
          </tbody>
        </table>
        <div className="handover-signatures">
          <div>
            <span>{t('duty.handover.outgoing')}</span>
            <strong>{handover.outgoing}</strong>
          </div>
          <div>
            <span>{t('duty.handover.incoming')}</span>
            <strong>{handover.incoming}</strong>
          </div>
        </div>
      </article>
      {onClose ? (
        <div className="handover-tools">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('duty.sheet.print')}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('duty.sheet.close')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
