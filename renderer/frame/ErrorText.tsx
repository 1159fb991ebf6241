import { useTranslation } from 'react-i18next';
import type { ShownError } from '../i18n/errorText';

/**
 * An error in the UI's language. The core's or the center's own message is detail only:
 * a tooltip, and a smaller line for those who need it (support on the phone).
 */
export function ErrorText({ error, template }: { error: ShownError; template?: string }) {
  const { t } = useTranslation();
  const text = t(error.key);
  return (
    <p className="view-message error" title={error.detail}>
      {template ? t(template, { message: text }) : text}
      {error.detail && error.detail !== text ? <small className="error-detail">{error.detail}</small> : null}
    </p>
  );
}
