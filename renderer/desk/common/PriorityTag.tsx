import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../protocol/sync/items';

/** A priority as word and colour; routine and priority stay quiet, flash and immediate stand out. */
export function PriorityTag({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return <span className={`priority-tag priority-${priority}`}>{t(`priority.${priority}`)}</span>;
}
