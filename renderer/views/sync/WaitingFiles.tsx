import { useTranslation } from 'react-i18next';
import type { WaitingFile } from '../../../protocol/api/syncStatus';
import { formatBytes, formatClock } from '../messages/format';
import { fileKind, heldPercent } from './fileKind';

/**
 * The files in the queue, each said as what it is ("Video recording of 14:02 · 220 KB"),
 * with how much the center already holds: the queue table's "bulk 3 · 1.2 MB" does not tell
 * an operator that the waiting megabytes are the recording they made an hour ago.
 */
export function WaitingFiles({ files, total, now }: { files: readonly WaitingFile[]; total: number; now: number }) {
  const { t, i18n } = useTranslation();
  if (files.length === 0) return null;
  return (
    <div className="waiting-files" data-testid="waiting-files">
      <h3>
        {total > files.length ? t('syncFiles.titleFirst', { count: total, shown: files.length }) : t('syncFiles.title', { count: total })}
      </h3>
      <ul>
        {files.map((file) => {
          const held = heldPercent(file.confirmed, file.bytes);
          return (
            <li key={file.seq} title={file.name} data-testid="waiting-file">
              <span className={`priority-tag priority-${file.priority}`}>{t(`priority.${file.priority}`)}</span>
              <span className="waiting-file-what">
                {t(`syncFiles.kind.${fileKind(file.mime)}`, {
                  time: formatClock(file.createdAt, now, i18n.language),
                  size: formatBytes(file.bytes),
                })}
              </span>
              {held > 0 ? <span className="waiting-file-held">{t('syncFiles.held', { percent: held })}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
