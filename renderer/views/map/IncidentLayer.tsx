import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../../protocol/api/incidents';
import { ClusterLayer, type ClusterPoint } from '../../map/ClusterLayer';
import { toDisplay, type TileCrs } from '../../map/geo';
import { LEVEL_COLOUR, LEVEL_RANK } from '../../map/levelColour';

/**
 * The vehicle's incidents that have a place, coloured by level and clustered (thousands stay
 * smooth); the popup opens one in Reports.
 */
export function IncidentLayer({ incidents, crs, onOpen }: { incidents: IncidentSummary[]; crs: TileCrs; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  // The parent passes a new callback on every render (the view ticks each second); rebuilding
  // thousands of markers for that would be a long frame, so the latest one is read at click time.
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  });
  const points = useMemo(
    () =>
      incidents.flatMap((incident): ClusterPoint[] => {
        const { latitude, longitude, level, title } = incident.header;
        if (latitude === undefined || longitude === undefined) return [];
        return [
          {
            id: incident.id,
            at: toDisplay([latitude, longitude], crs) as [number, number],
            colour: LEVEL_COLOUR[level],
            rank: LEVEL_RANK[level],
            tone: `level-${level}`,
            popup: () => incidentPopup(title, t(`reports.level.${level}`), t('map.incident.open'), () => open.current(incident.id)),
          },
        ];
      }),
    [incidents, crs, t],
  );
  return <ClusterLayer points={points} className="incident" />;
}

/** The popup's content: the title, the level in words and a link that opens the incident. */
export function incidentPopup(title: string, level: string, openLabel: string, onOpen: () => void): HTMLElement {
  const box = document.createElement('div');
  const heading = document.createElement('strong');
  heading.textContent = title;
  const levelLine = document.createElement('div');
  levelLine.textContent = level;
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'link-button';
  open.textContent = openLabel;
  open.addEventListener('click', onOpen);
  box.append(heading, levelLine, open);
  return box;
}
