import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentHeader } from '../../protocol/sync/incidents';
import { ClusterLayer, type ClusterPoint } from './ClusterLayer';
import { toDisplay, type TileCrs } from './geo';
import { LEVEL_COLOUR, LEVEL_RANK } from './levelColour';

/** An incident as the map needs it: the console's summaries and the desk's list both fit (the desk's header is null until a report with it arrives). */
export type MappedIncident = {
  id: string;
  header: Pick<IncidentHeader, 'latitude' | 'longitude' | 'level' | 'title'> | null;
};

/**
 * Incidents that have a place, coloured by level and clustered (thousands stay smooth); the
 * popup's button (`openLabel`: "Open in Reports", "Open incident") opens one.
 */
export function IncidentLayer({
  incidents,
  crs,
  onOpen,
  openLabel,
}: {
  incidents: readonly MappedIncident[];
  crs: TileCrs;
  onOpen: (id: string) => void;
  openLabel: string;
}) {
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
        if (!incident.header) return [];
        const { latitude, longitude, level, title } = incident.header;
        if (latitude === undefined || longitude === undefined) return [];
        return [
          {
            id: incident.id,
            at: toDisplay([latitude, longitude], crs) as [number, number],
            colour: LEVEL_COLOUR[level],
            rank: LEVEL_RANK[level],
            popup: () => incidentPopup(title, t(`reports.level.${level}`), openLabel, () => open.current(incident.id)),
          },
        ];
      }),
    [incidents, crs, t, openLabel],
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
