import type { CoreApiHandlers } from '../../../protocol/api/coreApi';
import type { incidentMethods } from '../../../protocol/api/incidents';
import type { IncidentService } from '../ops/IncidentService';
import type { ReportFileIntake } from '../ops/ReportFileIntake';

/** The incidents part of the console API: incidents, their reports, and the files a report carries. */
export function createIncidentHandlers(deps: {
  incidents: IncidentService;
  files: ReportFileIntake;
}): Pick<CoreApiHandlers, keyof typeof incidentMethods> {
  const { incidents, files } = deps;
  return {
    'incidents.list': ({ status, limit }) => incidents.list(status, limit),
    'incidents.get': ({ id }) => incidents.get(id),
    'incidents.create': (params) => incidents.create(params),
    'reports.add': (params) => incidents.addReport(params),
    'incidents.deadlines': () => incidents.deadlines,
    'incidents.followups': () => incidents.followups(),
    'incidents.dismissFollowup': ({ id }) => incidents.dismissFollowup(id),
    'incidents.sendEstimate': ({ items }) => incidents.estimate(items),
    'files.start': (params) => files.start(params),
    'files.append': ({ id, seq, data }) => files.append(id, seq, Buffer.from(data, 'base64')),
    'files.finish': ({ id }) => files.finish(id),
    'files.preview': ({ id }) => files.preview(id),
  };
}
