import { useTranslation } from 'react-i18next';
import type { SbdSendStatus } from '../../../protocol/api/syncStatus';
import { formatBytes, formatClock } from '../messages/format';

/**
 * Sending by Iridium SBD (shown only when an Iridium link is configured): what it cost this
 * month against the budget, what may go that way, what is on the air, what waits for the
 * center's confirmation over IP, and why items that could go by Iridium do not.
 */
export function SbdCard({ sbd, now }: { sbd: SbdSendStatus; now: number }) {
  const { t, i18n } = useTranslation();
  const priorities = sbd.priorities.map((p) => t(`priority.${p}`)).join(i18n.language.startsWith('zh') ? '、' : ', ');
  const overBudget = sbd.month.messages >= sbd.monthlyMessages;
  return (
    <section className="sync-card sbd-card" aria-labelledby="sbd-title" data-testid="sbd-card">
      <div className="sbd-head">
        <h2 id="sbd-title">{t('sbd.title')}</h2>
        <span className={`sbd-link ${sbd.link ? 'up' : 'down'}`}>
          {sbd.link ? t('sbd.link', { link: sbd.link.name }) : t('sbd.noLink')}
        </span>
      </div>
      <p className={`sbd-month${overBudget ? ' over' : ''}`} data-testid="sbd-month">
        {t('sbd.month', { count: sbd.month.messages, budget: sbd.monthlyMessages, size: formatBytes(sbd.month.bytes) })}
        {sbd.lastSentAt ? (
          <span className="sbd-last"> · {t('sbd.lastSent', { time: formatClock(sbd.lastSentAt, now, i18n.language) })}</span>
        ) : null}
      </p>
      {overBudget ? <p className="sbd-warning">{t('sbd.overBudget', { budget: sbd.monthlyMessages })}</p> : null}
      {sbd.sending ? (
        <p className="sbd-sending" data-testid="sbd-sending">
          {t('sbd.sending', { count: sbd.sending.items, size: formatBytes(sbd.sending.bytes) })}
        </p>
      ) : null}
      {sbd.awaitingConfirmation > 0 ? (
        <p className="view-message" data-testid="sbd-awaiting">
          {t('sbd.awaiting', { count: sbd.awaitingConfirmation })}
        </p>
      ) : null}
      {sbd.held ? (
        <p className="sbd-held" data-testid="sbd-held" data-code={sbd.held.code} title={sbd.held.detail}>
          {t(`sbd.held.${sbd.held.code}`, { count: sbd.held.items, detail: sbd.held.detail })}
        </p>
      ) : null}
      <p className="view-message sbd-what">{t('sbd.what', { priorities })}</p>
    </section>
  );
}
