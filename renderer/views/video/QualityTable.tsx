import { useTranslation } from 'react-i18next';
import type { StreamQuality } from '../../media/streamStats';

const dash = '—';

/** Each stream's quality, plainly: rate, loss, round trip, frames and freezes. */
export function QualityTable({ rows }: { rows: Array<{ key: string; name: string; quality: StreamQuality | undefined }> }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <table className="quality-table" data-testid="quality-table">
      <thead>
        <tr>
          <th>{t('video.stream')}</th>
          <th className="num">{t('video.kbps')}</th>
          <th className="num">{t('video.loss')}</th>
          <th className="num">{t('video.rtt')}</th>
          <th className="num">{t('video.fps')}</th>
          <th className="num">{t('video.freezes')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, name, quality: q }) => (
          <tr
            key={key}
            data-testid={`quality-${key}`}
            data-frames-decoded={q?.framesDecoded ?? undefined}
            data-samples-received={q?.samplesReceived ?? undefined}
          >
            <td>{name}</td>
            <td className="num" data-testid="kbps">
              {q ? q.kbps : dash}
            </td>
            <td className="num">{q?.lossPct != null ? `${q.lossPct} %` : dash}</td>
            <td className="num">{q?.rttMs != null ? `${q.rttMs} ms` : dash}</td>
            <td className="num">{q?.fps != null ? q.fps : dash}</td>
            <td className="num">{q?.freezes != null ? q.freezes : dash}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
