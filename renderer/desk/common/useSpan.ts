import { useTranslation } from 'react-i18next';
import { span } from '../deskTime';

/** Texts for spans of time in the desk's language: `length(ms)` ("14 min") and `ago(ms)` ("14 min ago"). */
export function useSpan(): { length: (ms: number) => string; ago: (ms: number) => string } {
  const { t } = useTranslation();
  const length = (ms: number) => {
    const s = span(ms);
    return t(`desk.span.${s.key}`, { count: s.count, rest: s.rest ?? 0 });
  };
  const ago = (ms: number) => (span(ms).key === 'now' ? t('desk.justNow') : t('desk.ago', { span: length(ms) }));
  return { length, ago };
}
