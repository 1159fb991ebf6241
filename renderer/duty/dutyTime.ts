import { useTranslation } from 'react-i18next';

/** Dates and times in the UI's language (not the browser's), as the duty screens and the printed sheet show them. */
export function useDutyTime(): { dateTime: (ms: number) => string; time: (ms: number) => string } {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return {
    dateTime: (ms) => new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    time: (ms) => new Date(ms).toLocaleTimeString(locale, { timeStyle: 'short' }),
  };
}
