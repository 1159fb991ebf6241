import { useTranslation } from 'react-i18next';
import type { DeskPosition } from '../../../protocol/sync/desk';
import { When } from '../common/When';

/** The last position the vehicle reported, its fix and its age; "none yet" says so. */
export function PositionCell({ position, now }: { position: DeskPosition | null; now: number }) {
  const { t } = useTranslation();
  if (!position) return <span className="cell-muted">{t('desk.position.none')}</span>;
  return (
    <div className="position-cell">
      <span className="num">{formatLatLon(position.latitude, position.longitude)}</span>
      <div className="cell-sub">
        <span className={`fix fix-${position.fix}`}>{t(`desk.position.fix.${position.fix}`)}</span> · <When at={position.at} now={now} />
      </div>
    </div>
  );
}

/** 30.65731° N, 104.06542° E style, five decimals (about a metre). */
export function formatLatLon(latitude: number, longitude: number): string {
  const lat = `${Math.abs(latitude).toFixed(5)}°${latitude >= 0 ? 'N' : 'S'}`;
  const lon = `${Math.abs(longitude).toFixed(5)}°${longitude >= 0 ? 'E' : 'W'}`;
  return `${lat} ${lon}`;
}
