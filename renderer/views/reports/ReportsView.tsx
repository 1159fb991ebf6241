import { useState } from 'react';
import '../../styles/reports.css';
import { IncidentList } from './IncidentList';
import { IncidentPage } from './IncidentPage';
import { NewIncidentForm } from './NewIncidentForm';

type Screen = { kind: 'list' } | { kind: 'new' } | { kind: 'incident'; id: string };

/**
 * Incidents and their reports (事件信息报送): the list, a new incident's 初报, and an
 * incident's page. `open` (from the follow-up alert) shows that incident.
 */
export function ReportsView(props: { open?: { id: string; at: number } | undefined }) {
  const [screen, setScreen] = useState<Screen>(() => (props.open ? { kind: 'incident', id: props.open.id } : { kind: 'list' }));
  // A new request to open an incident (the follow-up alert) replaces the screen, once.
  const [seenOpen, setSeenOpen] = useState(props.open);
  if (props.open !== seenOpen) {
    setSeenOpen(props.open);
    if (props.open) setScreen({ kind: 'incident', id: props.open.id });
  }

  if (screen.kind === 'new')
    return (
      <NewIncidentForm
        onCreated={(incident) => setScreen({ kind: 'incident', id: incident.id })}
        onCancel={() => setScreen({ kind: 'list' })}
      />
    );
  if (screen.kind === 'incident') return <IncidentPage key={screen.id} id={screen.id} onBack={() => setScreen({ kind: 'list' })} />;
  return <IncidentList onNew={() => setScreen({ kind: 'new' })} onOpen={(id) => setScreen({ kind: 'incident', id })} />;
}
