import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskReport } from '../../../protocol/sync/deskIncidents';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { ViaBadge } from '../common/ViaBadge';
import { When } from '../common/When';
import { clockText } from '../deskTime';
import { useDesk } from '../live/deskContext';
import { stageText } from './incidentText';
import { ReportPhoto } from './ReportPhoto';

const FIELDS = ['cause', 'impact', 'measures', 'help', 'nextSteps'] as const;

/** One report of the chain: its stage, text and fields, its photos, when it was written and received, and its 签收. */
export function ReportCard({ report, now }: { report: DeskReport; now: number }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const { body } = report;
  const ack = () => {
    setBusy(true);
    api.ackReport(report.id).then(
      () => {
        setBusy(false);
        setProblem(null);
      },
      (error: unknown) => {
        setBusy(false);
        setProblem(shownError(error));
      },
    );
  };
  const casualties = body.casualties;
  return (
    <li className={`report-card stage-${report.stage}`} data-testid="desk-report" data-stage={report.stage} data-report-id={report.id}>
      <span className="timeline-dot" aria-hidden="true" />
      <header className="report-head">
        <h3>{stageText(t, report.stage, report.number)}</h3>
        <span className="report-times">
          {t('desk.incidents.written')} <When at={report.createdAt} now={now} relative={false} />
          {' · '}
          {t('desk.incidents.received')} <When at={report.receivedAt} now={now} />
          {' · '}
          {report.vehicleName}
          <ViaBadge via={report.via} now={now} />
        </span>
        <span className="report-ack">
          {report.ackedAt !== null ? (
            <span className="acked" data-testid="desk-report-acked">
              {t('desk.incidents.acked', { name: report.ackedBy ?? '', time: clockText(report.ackedAt, now) })}
            </span>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={ack}
              data-testid="desk-report-ack"
              title={t('desk.incidents.ackWhy')}
            >
              {t('desk.incidents.ack')}
            </button>
          )}
        </span>
      </header>
      <p className="report-text">{body.text}</p>
      {casualties ? (
        <p className="report-casualties" data-testid="desk-report-casualties">
          <strong>{t('desk.incidents.field.casualties')}</strong>{' '}
          {(['dead', 'injured', 'missing', 'trapped'] as const).map((k) => (
            <span key={k} className={casualties[k] > 0 ? 'casualty some' : 'casualty'}>
              {t(`desk.incidents.casualty.${k}`, { count: casualties[k] })}
            </span>
          ))}
        </p>
      ) : null}
      <dl className="report-fields">
        {FIELDS.filter((f) => body[f] !== undefined).map((f) => (
          <div key={f}>
            <dt>{t(`desk.incidents.field.${f}`)}</dt>
            <dd>{body[f]}</dd>
          </div>
        ))}
        {body.reporterName || body.reporterPhone ? (
          <div>
            <dt>{t('desk.incidents.field.reporter')}</dt>
            <dd>{[body.reporterName, body.reporterPhone].filter(Boolean).join(' · ')}</dd>
          </div>
        ) : null}
      </dl>
      {report.files.length > 0 ? (
        <div className="report-photos">
          {report.files.map((file) => (
            <ReportPhoto key={file.attachmentId} file={file} />
          ))}
        </div>
      ) : null}
      {problem ? <ErrorText error={problem} template="desk.incidents.notAcked" /> : null}
    </li>
  );
}
