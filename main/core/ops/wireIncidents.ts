import { join } from 'node:path';
import type { CoreEventData, CoreEventName } from '../../../protocol/api/coreApi';
import type { ConsoleConfig } from '../../../protocol/config/consoleConfig';
import { DEFAULT_FIRST_REPORT_DEADLINES } from '../../../protocol/sync/incidents';
import { createLogger } from '../../../platform/log/logger';
import type { PolicyEngine } from '../links/policy/PolicyEngine';
import { incidentsForSeqs } from '../store/incidentsRepo';
import type { Store } from '../store/Store';
import type { SyncEngine } from '../sync/SyncEngine';
import { IncidentService } from './IncidentService';
import { ReportFileIntake } from './ReportFileIntake';

const log = createLogger('incidents');

/**
 * The incidents area of the composition root: the service, the file intake, and what
 * tells the UI an incident changed (its own writes, and the sync engine's answers: a
 * delivery, a 签收, a follow-up request).
 */
export function wireIncidents(deps: {
  store: Store;
  dataDir: string;
  config: ConsoleConfig;
  policy: PolicyEngine;
  engine: SyncEngine;
  emit: <E extends CoreEventName>(name: E, data: CoreEventData<E>) => void;
}): { incidents: IncidentService; files: ReportFileIntake } {
  const { store, engine } = deps;
  const incidents = new IncidentService({
    store,
    deadlines: deps.config.incidents?.firstReportMinutes ?? DEFAULT_FIRST_REPORT_DEADLINES,
    policy: () => deps.policy.current,
    onOutbox: () => engine.wake(),
  });
  const files = new ReportFileIntake({
    store,
    attachmentsDir: join(deps.dataDir, 'attachments'),
    partsDir: join(deps.dataDir, 'report-files'),
  });
  incidents.on('changed', (ids) => deps.emit('incidents.changed', ids));
  engine.on('exchanged', ({ changedSeqs, incidentIds }) => {
    try {
      incidents.announce([...incidentIds, ...incidentsForSeqs(store.db, changedSeqs)]);
    } catch (error) {
      log.warn('could not tell which incidents an exchange changed', error);
    }
  });
  return { incidents, files };
}
