import { useState } from 'react';
import type { DutyCallView } from '../../../protocol/api/duty';
import '../../styles/reports.css';
import { IncidentList } from './IncidentList';
import { IncidentPage } from './IncidentPage';
import { NewIncidentForm } from './NewIncidentForm';

type Place = { latitude: number; longitude: number };
type Screen = { kind: 'list' } | { kind: 'new'; call?: DutyCallView; place?: Place } | { kind: 'incident'; id: string };
type Request<T> = (T & { at: number }) | undefined;

/**
 * Incidents and their reports (事件信息报送): the list, a new incident's 初报, and an
 * incident's page. `open` (from the follow-up alert) shows that incident; `fromCall` (a
 * phone-log entry of the duty log, 接报) opens the 初报 form filled in from the call; `fromMap`
 * (a place clicked on the map) opens it with that place.
 */
export function ReportsView(props: Requests) {
  const [screen, setScreen] = useState<Screen>(() => initialScreen(props));
  // A new request (the follow-up alert, or a call to turn into an incident) replaces the screen, once.
  const [seen, setSeen] = useState<Requests>(props);
  if (props.open !== seen.open || props.fromCall !== seen.fromCall || props.fromMap !== seen.fromMap) {
    setSeen(props);
    setScreen(initialScreen(props));
  }

  if (screen.kind === 'new')
    return (
      <NewIncidentForm
        {...(screen.call ? { fromCall: screen.call } : {})}
        {...(screen.place ? { place: screen.place } : {})}
        onCreated={(incident) => setScreen({ kind: 'incident', id: incident.id })}
        onCancel={() => setScreen({ kind: 'list' })}
      />
    );
  if (screen.kind === 'incident') return <IncidentPage key={screen.id} id={screen.id} onBack={() => setScreen({ kind: 'list' })} />;
  return <IncidentList onNew={() => setScreen({ kind: 'new' })} onOpen={(id) => setScreen({ kind: 'incident', id })} />;
}

type Requests = { open?: Request<{ id: string }>; fromCall?: Request<{ call: DutyCallView }>; fromMap?: Request<{ place: Place }> };

/** The newest request decides the screen. */
function initialScreen(requests: Requests): Screen {
  const newest = [requests.fromCall, requests.open, requests.fromMap].reduce((a, b) => ((b?.at ?? 0) > (a?.at ?? 0) ? b : a), undefined);
  if (newest === undefined) return { kind: 'list' };
  if (newest === requests.fromCall) return { kind: 'new', call: requests.fromCall!.call };
  if (newest === requests.fromMap) return { kind: 'new', place: requests.fromMap!.place };
  return { kind: 'incident', id: requests.open!.id };
}
