import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskReportFile } from '../../../protocol/sync/deskIncidents';
import { useDesk } from '../live/deskContext';

/** A blob URL for a center file fetched with the staff token (an <img> cannot send it); revoked when it changes. */
function useCenterFile(url: string | null): { src: string | null; failed: boolean } {
  const { api } = useDesk();
  const [state, setState] = useState<{ url: string | null; src: string | null; failed: boolean }>({ url: null, src: null, failed: false });
  useEffect(() => {
    if (url === null) return;
    let stopped = false;
    let made: string | null = null;
    api.blob(url).then(
      (blob) => {
        if (stopped) return;
        made = URL.createObjectURL(blob);
        setState({ url, src: made, failed: false });
      },
      () => !stopped && setState({ url, src: null, failed: true }),
    );
    return () => {
      stopped = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [api, url]);
  return state.url === url ? state : { src: null, failed: false };
}

/**
 * A report's photo: the thumbnail as soon as it arrived, replaced by the full photo when
 * that has; a caption says which is shown and why. Other files are a download link.
 */
export function ReportPhoto({ file, compact = false }: { file: DeskReportFile; compact?: boolean }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const image = file.mime === null || file.mime.startsWith('image/');
  // The list shows the small one only; the page swaps the thumbnail for the full photo once that is here.
  const full = useCenterFile(!compact && image ? file.originalUrl : null);
  const thumb = useCenterFile(
    compact ? (file.thumbnailUrl ?? (image ? file.originalUrl : null)) : full.src === null ? file.thumbnailUrl : null,
  );
  const src = full.src ?? thumb.src;
  const showing = full.src ? 'full' : thumb.src ? 'thumb' : 'none';
  const download = () => {
    if (!file.downloadUrl) return;
    void api.blob(file.downloadUrl).then((blob) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = file.name ?? file.attachmentId;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    });
  };
  if (compact)
    return src ? (
      <img className="incident-thumb" src={src} alt="" data-testid="desk-incident-photo" />
    ) : (
      <span className="incident-thumb empty" />
    );
  return (
    <figure className={`report-photo ${showing}`} data-state={showing}>
      {src ? (
        <img src={src} alt={file.name ?? ''} data-testid={showing === 'full' ? 'desk-report-photo' : 'desk-report-thumb'} />
      ) : (
        <div className="report-photo-empty">
          {image ? t('desk.incidents.photo.waiting') : (file.name ?? t('desk.incidents.photo.file'))}
        </div>
      )}
      <figcaption>
        <span>
          {showing === 'thumb'
            ? t('desk.incidents.photo.thumbOnly')
            : showing === 'full'
              ? (file.name ?? '')
              : t('desk.incidents.photo.notYet')}
        </span>
        {file.downloadUrl ? (
          <button type="button" className="link-button" onClick={download} data-testid="desk-report-download">
            {t('desk.incidents.photo.download')}
          </button>
        ) : null}
      </figcaption>
    </figure>
  );
}
