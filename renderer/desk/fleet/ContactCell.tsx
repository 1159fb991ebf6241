import { useTranslation } from 'react-i18next';
import { Tone } from '../common/Tone';
import { useSpan } from '../common/useSpan';
import { When } from '../common/When';
import type { Contact } from './vehicleHealth';

/** Last contact: in words, with the time, and why it is marked (silent longer than expected). */
export function ContactCell({ contact, now }: { contact: Contact; now: number }) {
  const { t } = useTranslation();
  const { length } = useSpan();
  if (contact.state === 'never') {
    return (
      <div className="contact-cell" data-contact="never">
        <Tone tone="unknown">{t('desk.contact.never')}</Tone>
        <div className="cell-why">{t('desk.contact.neverWhy')}</div>
      </div>
    );
  }
  if (contact.state === 'stale') {
    return (
      <div className="contact-cell" data-contact="stale">
        <Tone tone="down">{t('desk.contact.stale')}</Tone>
        <div className="cell-why">{t('desk.contact.staleWhy', { span: length(contact.ageMs), expected: length(contact.expectedMs) })}</div>
        <div className="cell-sub">
          <When at={contact.at} now={now} relative={false} />
        </div>
      </div>
    );
  }
  return (
    <div className="contact-cell" data-contact="ok">
      <Tone tone="up">{t('desk.contact.ok')}</Tone>
      <div className="cell-sub">
        <When at={contact.at} now={now} />
      </div>
    </div>
  );
}
