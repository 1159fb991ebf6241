import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import type { IncidentSummary } from '../../../protocol/api/incidents';
import { toDisplay, type TileCrs } from '../../map/geo';
import { LEVEL_COLOUR } from '../../map/levelColour';

/** The vehicle's incidents that have a place, coloured by level; the popup opens one in Reports. */
export function IncidentLayer({ incidents, crs, onOpen }: { incidents: IncidentSummary[]; crs: TileCrs; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      {incidents.map((incident) => {
        const { latitude, longitude, level, title } = incident.header;
        if (latitude === undefined || longitude === undefined) return null;
        const colour = LEVEL_COLOUR[level];
        return (
          <CircleMarker
            key={incident.id}
            center={toDisplay([latitude, longitude], crs) as [number, number]}
            radius={7}
            pathOptions={{ color: '#fff', weight: 1.5, fillColor: colour, fillOpacity: 0.95 }}
          >
            <Popup>
              <strong>{title}</strong>
              <div>{t(`reports.level.${level}`)}</div>
              <button type="button" className="link-button" onClick={() => onOpen(incident.id)}>
                {t('map.incident.open')}
              </button>
            </Popup>
          </CircleMarker>
        );
      })}
    </>
  );
}
