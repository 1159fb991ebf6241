import {
  AddCallParams,
  AddEntryParams,
  SignHandoverParams,
  UpdateCallParams,
  type DutyCallView,
  type DutyEntryView,
  type DutyShiftView,
} from '../../protocol/api/duty';
import { CenterShiftRequest, DESK_DUTY_PATHS } from '../../protocol/sync/deskDuty';
import { DESK_PATHS } from '../../protocol/sync/http';
import { Uuid } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import { publishDuty } from '../feed/dutyPublishers';
import { visibleVehicleIds } from './access';
import { authenticate } from './auth';
import type { CenterContext } from './context';
import { deskJsonBody, deskVehicle } from './deskRequest';
import { CenterHttpError } from './errors';
import { sendJson } from './respond';
import { SEGMENT, type Route } from './router';

/** How much of a duty record one answer carries (newest first). */
const RECORD_LIMIT = 500;
const center = (rest = '') => `${DESK_DUTY_PATHS.center}${rest}`;

/**
 * The duty log at the desk: each vehicle's current shift and record (as staff may see
 * vehicles: access.ts), and the center's own duty, kept by any staff member with the same
 * steps as a vehicle's crew — start and end a shift, write entries, take calls (接报), sign
 * a handover. A refused step answers `conflict` with why; nothing is stored.
 */
export function deskDutyRoutes(context: CenterContext): Route[] {
  const { store, feed } = context;
  const duty = store.duty;
  const staffNames = async () =>
    (await store.listCredentials('staff')).filter((c) => c.revokedAt === null).map((c) => ({ name: c.name, role: c.staffRole ?? 'desk' }));
  const changed = (what: 'shift' | 'entry' | 'call' | 'handover') => publishDuty(feed, null, what);

  async function centerDuty() {
    return { duty: await duty.dutyRecord(null, RECORD_LIMIT), shift: await duty.centerShift(), names: await staffNames() };
  }

  async function entry(text: string, by: string | null, topic: DutyEntryView['topic'], auto: boolean): Promise<DutyEntryView> {
    const at = Date.now();
    const shift = await duty.centerShift();
    const made: DutyEntryView = { id: uuidv7(at), shiftId: shift?.id ?? null, topic, text, by, at, auto };
    await duty.centerAddEntry(made);
    return made;
  }

  return [
    {
      method: 'GET',
      path: DESK_DUTY_PATHS.vehicles,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const visible = visibleVehicleIds(staff);
        sendJson(res, 200, { vehicles: await duty.dutyVehicles(visible === 'all' ? 'all' : [...visible], 5) });
      },
    },
    {
      method: 'GET',
      path: new RegExp(`^${DESK_PATHS.vehicles}/${SEGMENT}${DESK_DUTY_PATHS.vehicleSuffix}$`),
      async handle({ req, res, params }) {
        const staff = await authenticate(req, store, 'staff');
        const vehicleId = await deskVehicle(store, staff, params[0]);
        sendJson(res, 200, { vehicleId, duty: await duty.dutyRecord(vehicleId, RECORD_LIMIT) });
      },
    },
    {
      method: 'GET',
      path: center(),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        sendJson(res, 200, await centerDuty());
      },
    },
    {
      method: 'GET',
      path: center('/shift'),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        sendJson(res, 200, { shift: await duty.centerShift(), names: await staffNames() });
      },
    },
    {
      method: 'POST',
      path: center('/shift'),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        const request = await deskJsonBody(req, CenterShiftRequest, 'shift');
        const on = await duty.centerShift();
        const at = Date.now();
        if ('end' in request) {
          if (!on) throw new CenterHttpError('conflict', 'no shift is on duty at the center');
          await duty.centerEndShift(on.id, Math.max(at, on.startAt));
          changed('shift');
          sendJson(res, 200, { shift: { ...on, endAt: Math.max(at, on.startAt) } });
          return;
        }
        if (on)
          throw new CenterHttpError(
            'conflict',
            `a shift is on duty since ${new Date(on.startAt).toISOString()}: end it or hand it over first`,
          );
        const shift: DutyShiftView = {
          id: uuidv7(at),
          onDuty: [...new Set(request.onDuty)],
          leader: request.leader,
          startAt: at,
          endAt: null,
        };
        await duty.centerStartShift(shift);
        changed('shift');
        sendJson(res, 201, { shift });
      },
    },
    {
      method: 'GET',
      path: center('/entries'),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        sendJson(res, 200, { entries: (await duty.dutyRecord(null, RECORD_LIMIT)).entries });
      },
    },
    {
      method: 'POST',
      path: center('/entries'),
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const body = await deskJsonBody(req, AddEntryParams, 'entry');
        const made = await entry(body.text, body.by ?? staff.name, 'manual', false);
        changed('entry');
        sendJson(res, 201, { entry: made });
      },
    },
    {
      method: 'GET',
      path: center('/calls'),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        sendJson(res, 200, { calls: (await duty.dutyRecord(null, RECORD_LIMIT)).calls });
      },
    },
    {
      method: 'POST',
      path: center('/calls'),
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const body = await deskJsonBody(req, AddCallParams, 'call');
        const at = Date.now();
        const call: DutyCallView = {
          id: uuidv7(at),
          shiftId: (await duty.centerShift())?.id ?? null,
          at: body.at ?? at,
          unit: body.unit,
          caller: body.caller,
          phone: body.phone,
          summary: body.summary,
          passedTo: body.passedTo || null,
          incidentId: null,
          recordedBy: body.recordedBy ?? staff.name,
        };
        await duty.centerPutCall(call);
        changed('call');
        sendJson(res, 201, { call });
      },
    },
    {
      method: 'POST',
      path: new RegExp(`^${center('/calls')}/${SEGMENT}$`),
      async handle({ req, res, params }) {
        await authenticate(req, store, 'staff');
        const id = Uuid.safeParse(params[0]);
        const call = id.success ? await duty.centerCall(id.data) : undefined;
        if (!call)
          throw new CenterHttpError('not-found', `no call ${JSON.stringify(params[0] ?? '').slice(0, 80)} in the center's phone log`);
        const body = await deskJsonBody(req, UpdateCallParams.omit({ id: true }), 'call');
        const next: DutyCallView = {
          ...call,
          ...(body.summary !== undefined ? { summary: body.summary } : {}),
          ...(body.passedTo !== undefined ? { passedTo: body.passedTo || null } : {}),
          ...(body.incidentId !== undefined ? { incidentId: body.incidentId } : {}),
        };
        await duty.centerPutCall(next);
        changed('call');
        sendJson(res, 200, { call: next });
      },
    },
    {
      method: 'GET',
      path: center('/handover'),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        const shift = await duty.centerShift();
        const record = await duty.dutyRecord(null, RECORD_LIMIT);
        sendJson(res, 200, {
          shift,
          links: [],
          queued: 0,
          parked: 0,
          openCalls: shift ? record.calls.filter((c) => c.shiftId === shift.id && !c.passedTo && !c.incidentId) : [],
          entries: shift ? record.entries.filter((e) => e.shiftId === shift.id).length : 0,
          names: await staffNames(),
        });
      },
    },
    {
      method: 'POST',
      path: center('/handover'),
      async handle({ req, res }) {
        await authenticate(req, store, 'staff');
        const body = await deskJsonBody(req, SignHandoverParams, 'handover');
        const on = await duty.centerShift();
        if (!on) throw new CenterHttpError('conflict', 'no shift is on duty at the center to hand over');
        const at = Math.max(Date.now(), on.startAt);
        const { outgoingConfirmed: _o, incomingConfirmed: _i, next, ...record } = body;
        const ended: DutyShiftView = { ...on, endAt: at };
        const started: DutyShiftView = { id: uuidv7(at), onDuty: [...new Set(next.onDuty)], leader: next.leader, startAt: at, endAt: null };
        const handover = { id: uuidv7(at), shiftId: on.id, ...record, signedAt: at };
        const logged: DutyEntryView = {
          id: uuidv7(at),
          shiftId: started.id,
          topic: 'handover',
          text: `${record.outgoing} → ${record.incoming}`,
          by: record.incoming,
          at,
          auto: true,
        };
        await duty.centerHandover(ended, handover, started, logged);
        changed('handover');
        sendJson(res, 201, { handover, ended, started });
      },
    },
  ];
}
