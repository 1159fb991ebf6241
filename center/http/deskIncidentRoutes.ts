import {
  DESK_INCIDENT_PATHS,
  DeskIncidentsQuery,
  FollowupRequestCompose,
  IncidentOpenRequest,
  type DeskIncidentDetail,
} from '../../protocol/sync/deskIncidents';
import { DESK_PATHS } from '../../protocol/sync/http';
import { DEFAULT_FIRST_REPORT_DEADLINES } from '../../protocol/sync/incidents';
import { Uuid } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import { publishIncident } from '../feed/incidentPublishers';
import { publishQueued } from '../feed/publishers';
import { ackReport, requestFollowup } from '../ingest/incidentDownlink';
import { vehicleFilter, visibleVehicleIds } from './access';
import { authenticate, type Principal } from './auth';
import { check } from './body';
import type { CenterContext } from './context';
import { deskJsonBody, deskVehicle } from './deskRequest';
import { CenterHttpError } from './errors';
import { sendJson } from './respond';
import { sendAttachment } from './sendAttachment';
import { SEGMENT, type Route } from './router';

const incidentPath = (rest = '') => new RegExp(`^${DESK_INCIDENT_PATHS.incidents}/${SEGMENT}${rest}$`);
const reportPath = (rest = '') => new RegExp(`^${DESK_INCIDENT_PATHS.reports}/${SEGMENT}${rest}$`);

/**
 * Incidents at the desk (protocol/sync/deskIncidents.ts): the list with its filters, one
 * incident's report chain, 签收 of a report, a follow-up request, an incident opened by
 * staff, and attachments served inline for the photos. Access as everywhere (./access.ts):
 * a staff member sees the incidents of the vehicles they may see and the center's own;
 * another's is `404 unknown-incident`, as an order none of whose recipients they see.
 */
export function deskIncidentRoutes(context: CenterContext): Route[] {
  const { store } = context;
  const deadlines = () => context.firstReportDeadlines ?? DEFAULT_FIRST_REPORT_DEADLINES;

  /** The incident as this staff member may see it, or 404. */
  async function visibleIncident(staff: Principal, raw: string | undefined): Promise<DeskIncidentDetail> {
    const id = Uuid.safeParse(raw);
    const detail = id.success ? await store.incidents.detail(id.data, Date.now(), deadlines()) : undefined;
    const visible = await vehicleFilter(staff);
    if (!detail || (detail.incident.vehicleId !== null && !visible(detail.incident.vehicleId)))
      throw new CenterHttpError('unknown-incident', `no incident ${JSON.stringify(raw ?? '').slice(0, 80)}`);
    // Reports of vehicles outside the staff member's groups (on an incident of the center's) stay hidden.
    return { ...detail, reports: detail.reports.filter((r) => visible(r.vehicleId)) };
  }

  return [
    {
      method: 'GET',
      path: DESK_INCIDENT_PATHS.incidents,
      async handle({ req, res, url }) {
        const staff = await authenticate(req, store, 'staff');
        const query = check(Object.fromEntries(url.searchParams), DeskIncidentsQuery, 'query');
        const vehicleId = query.vehicleId === undefined ? undefined : await deskVehicle(store, staff, query.vehicleId);
        const visible = visibleVehicleIds(staff);
        const incidents = await store.incidents.list(
          { ...query, vehicleId, vehicleIds: visible === 'all' ? undefined : [...visible] },
          Date.now(),
          deadlines(),
        );
        sendJson(res, 200, { incidents });
      },
    },
    {
      method: 'POST',
      path: DESK_INCIDENT_PATHS.incidents,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const request = await deskJsonBody(req, IncidentOpenRequest, 'incident');
        const now = Date.now();
        const id = uuidv7(now);
        await store.incidents.open({ id, header: request.header, note: request.note, openedBy: staff.name, at: now });
        publishIncident(context, id);
        sendJson(res, 201, { incident: (await visibleIncident(staff, id)).incident });
      },
    },
    {
      method: 'GET',
      path: incidentPath(),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        sendJson(res, 200, await visibleIncident(staff, params[0]));
      },
    },
    {
      method: 'POST',
      path: incidentPath('/followup-request'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const { incident, reports } = await visibleIncident(staff, params[0]);
        const request = await deskJsonBody(req, FollowupRequestCompose, 'follow-up request');
        // The crew that reports on it: the incident's vehicle, or those that reported on the center's own.
        const to = incident.vehicleId !== null ? [incident.vehicleId] : [...new Set(reports.map((r) => r.vehicleId))];
        if (to.length === 0)
          throw new CenterHttpError('incident-without-vehicle', 'no vehicle reports on this incident yet; send an order about it instead');
        const vehicleIds: string[] = [];
        for (const vehicleId of to) vehicleIds.push(await deskVehicle(store, staff, vehicleId, true));
        const queued = await requestFollowup(store, vehicleIds, incident.id, staff, request.text);
        publishQueued(context, queued, { kind: 'followup-request', priority: 'immediate' });
        sendJson(res, 201, { queued });
      },
    },
    {
      method: 'POST',
      path: reportPath('/ack'),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const id = Uuid.safeParse(params[0]);
        const reportId = id.success ? id.data : '';
        const owner = id.success ? await store.incidents.reportOwner(reportId) : undefined;
        if (!owner || !(await vehicleFilter(staff))(owner.vehicleId))
          throw new CenterHttpError('unknown-report', `no report ${JSON.stringify(params[0] ?? '').slice(0, 80)}`);
        const queued = await ackReport(store, reportId, staff);
        if (queued) {
          publishQueued(context, [queued], { kind: 'report-ack', priority: 'priority' });
          publishIncident(context, owner.incidentId);
        }
        sendJson(res, 200, { report: await store.incidents.report(reportId) });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${DESK_PATHS.vehicles}/${SEGMENT}/attachments/${SEGMENT}/inline$`),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        await sendAttachment(context, res, await deskVehicle(store, staff, params[0]), params[1], 'inline');
      },
    },
  ];
}
