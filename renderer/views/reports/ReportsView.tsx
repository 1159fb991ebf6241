import { useState } from 'react';
import type { DutyCallView } from '../../../protocol/api/duty';
import '../../styles/reports.css';
import { IncidentList } from './IncidentList';
import { IncidentPage } from './IncidentPage';
import { NewIncidentForm } from './NewIncidentForm';

type Screen = { kind: 'list' } | { kind: 'new'; call?: DutyCallView } | { kind: 'incident'; id: string };
type Request<T> = (T & { at: number }) | undefined;

/**
 * Incidents and their reports (事件信息报送): the list, a new incident's 初报, and an
 * incident's page. `open` (from the follow-up alert) shows that incident; `fromCall` (a
 * phone-log entry of the duty log, 接报) opens the 初报 form filled in from the call.
 */
export function ReportsView(props: { open?: Request<{ id: string }>; fromCall?: Request<{ call: DutyCallView }> }) {
  const [screen, setScreen] = useState<Screen>(() => initialScreen(props));
  // A new request (the follow-up alert, or a call to turn into an incident) replaces the screen, once.
  const [seen, setSeen] = useState({ open: props.open, fromCall: props.fromCall });
  if (props.open !== seen.open || props.fromCall !== seen.fromCall) {
    const newest = (props.fromCall?.at ?? 0) > (props.open?.at ?? 0) ? { fromCall: props.fromCall } : { open: props.open };
    setSeen({ open: props.open, fromCall: props.fromCall });
    setScreen(initialScreen(newest));
  }

  if (screen.kind === 'new')
    return (
      <NewIncidentForm
        {...(screen.call ? { fromCall: screen.call } : {})}
        onCreated={(incident) => setScreen({ kind: 'incident', id: incident.id })}
        onCancel={() => setScreen({ kind: 'list' })}
      />
    );
  if (screen.kind === 'incident') return <IncidentPage key={screen.id} id={screen.id} onBack={() => setScreen({ kind: 'list' })} />;
  return <IncidentList onNew={() => setScreen({ kind: 'new' })} onOpen={(id) => setScreen({ kind: 'incident', id })} />;
}

function initialScreen(requests: { open?: Request<{ id: string }>; fromCall?: Request<{ call: DutyCallView }> }): Screen {
  if (requests.fromCall) return { kind: 'new', call: requests.fromCall.call };
  if (requests.open) return { kind: 'incident', id: requests.open.id };
  return { kind: 'list' };
}
