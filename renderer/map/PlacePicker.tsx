import { useMapEvents } from 'react-leaflet';
import type { LatLon } from './geo';

/** Hands the next click on the map to a tool (place a new incident, attach a place to an order); display coordinates. */
export function PlacePicker({ onPick }: { onPick: (p: LatLon) => void }) {
  useMapEvents({ click: (e) => onPick([e.latlng.lat, e.latlng.lng]) });
  return null;
}
