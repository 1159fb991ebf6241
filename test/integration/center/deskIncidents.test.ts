import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskIncidentDetail, DeskIncidentsResponse, DeskReportAnswer, type DeskIncident } from '../../../protocol/sync/deskIncidents';
import type { IncidentHeader, ReportBody } from '../../../protocol/sync/incidents';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { addCredential, runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { ReportingVehicle } from '../../support/reportingVehicle';
import { call, desk, errorOf, json } from './centerHttp';

/**
 * Incidents at the desk against the real center process: a vehicle files a 初报 with a
 * thumbnail before its photo, 续报 out of order, the desk receipts (签收) and asks for a
 * follow-up, staff open an incident of their own and send an order about it; replays
 * store nothing twice; another group's staff see none of it; bad requests get codes.
 */

const MIN = 60_000;
let center: CenterProcess;
let configDir: string;
let vehicle: ReportingVehicle;
let otherDesk: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'mcv-incidents-'));
  // A deployment's own rule: a Ⅳ incident's first report within 5 minutes (the default is 6 hours).
  writeFileSync(join(configDir, 'center.json'), JSON.stringify({ incidents: { firstReportMinutes: { IV: 5 } } }));
  center = await startCenter({ echo: false, args: ['--config', join(configDir, 'center.json')] });
  expect((await runCenterCli(['vehicles', 'set', center.vehicleId, '--groups', 'north', '--data-dir', center.dataDir])).code).toBe(0);
  otherDesk = (await addCredential(center.dataDir, 'staff', 'Desk Li', ['--role', 'desk', '--groups', 'south'])).token;
  vehicle = new ReportingVehicle(center.url, center.vehicleId, center.vehicleToken);
});
afterAll(async () => {
  await center?.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

const header = (over: Partial<IncidentHeader> = {}): IncidentHeader => ({
  category: 'natural',
  type: 'flood',
  level: 'IV',
  title: '河堤管涌 Levee seepage',
  placeText: '青龙镇 Qinglong',
  latitude: 30.66,
  longitude: 104.06,
  occurredAt: Date.now() - 10 * MIN,
  ...over,
});

const report = (incidentId: string, over: Partial<ReportBody>): ReportBody =>
  ({ incidentId, stage: 'first', number: 0, text: 'Water through the levee at km 12', ...over }) as ReportBody;

async function list(query = '', token = center.staffToken): Promise<DeskIncident[]> {
  const answer = await desk(center.url, token, `/desk/v1/incidents${query}`);
  expect(answer.status).toBe(200);
  return DeskIncidentsResponse.parse(json(answer)).incidents;
}

async function detail(id: string): Promise<DeskIncidentDetail> {
  const answer = await desk(center.url, center.staffToken, `/desk/v1/incidents/${id}`);
  expect(answer.status).toBe(200);
  return DeskIncidentDetail.parse(json(answer));
}

const jpeg = (size: number, fill: number) => Buffer.alloc(size, fill);

describe('incidents at the desk', () => {
  const incidentId = uuidv7();
  const originalId = uuidv7();
  const photo = jpeg(40_000, 0x22);
  const thumb = jpeg(2_000, 0x11);
  let firstWire: Uint8Array[];
  let reportId: string;

  it('lists a first report with its thumbnail before the photo, late by the configured deadline', async () => {
    const thumbnail = await vehicle.upload(thumb, 'thumb-IMG_1.jpg', 'image/jpeg', { thumbnailOf: originalId });
    reportId = uuidv7();
    // The wire carries whole seconds.
    const occurredAt = Math.floor((Date.now() - 10 * MIN) / 1000) * 1000;
    firstWire = vehicle.encode([
      {
        kind: 'report',
        id: reportId,
        priority: 'immediate',
        body: report(incidentId, {
          incident: header({ occurredAt }),
          casualties: { dead: 0, injured: 2, missing: 1, trapped: 0 },
          attachments: [originalId],
          reporterName: '张伟',
        }),
      },
      { kind: 'attachment', priority: 'priority', body: thumbnail },
    ]);
    const answer = await vehicle.exchangeWire(firstWire);
    expect(answer.rejected).toEqual([]);

    const [incident] = await list();
    expect(incident).toMatchObject({
      id: incidentId,
      vehicleId: center.vehicleId,
      status: 'open',
      reportCount: 1,
      unacked: 1,
      header: { title: '河堤管涌 Levee seepage', level: 'IV' },
      chain: { complete: true, missingFirst: false, missingFollowups: [], hasFinal: false },
      deadline: { state: 'late', due: occurredAt + 5 * MIN },
    });
    expect(incident!.deadline.msLeft).toBeLessThan(-4 * MIN);
    expect(incident!.photo).toMatchObject({ attachmentId: originalId, originalUrl: null, downloadUrl: null });
    expect(await list('?late=true')).toHaveLength(1);
    expect(await list('?late=false')).toHaveLength(0);

    const { reports } = await detail(incidentId);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.body.casualties).toEqual({ dead: 0, injured: 2, missing: 1, trapped: 0 });
    const [file] = reports[0]!.files;
    expect(file).toMatchObject({ attachmentId: originalId, originalUrl: null, name: null });
    const shown = await call(center.url, file!.thumbnailUrl!, { headers: { authorization: `Bearer ${center.staffToken}` } });
    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toBe('image/jpeg');
    expect(shown.headers['content-disposition']).toMatch(/^inline;/);
    expect(Buffer.compare(shown.body, thumb)).toBe(0);
  });

  it('shows the full photo once it arrives, inline and as a download', async () => {
    const original = await vehicle.upload(photo, 'IMG_1.jpg', 'image/jpeg', { attachmentId: originalId });
    await vehicle.send([{ kind: 'attachment', priority: 'bulk', body: original }]);
    const [file] = (await detail(incidentId)).reports[0]!.files;
    expect(file).toMatchObject({ name: 'IMG_1.jpg', mime: 'image/jpeg', size: photo.length });
    const auth = { authorization: `Bearer ${center.staffToken}` };
    const inline = await call(center.url, file!.originalUrl!, { headers: auth });
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    const download = await call(center.url, file!.downloadUrl!, { headers: auth });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(download.body, photo)).toBe(0);
  });

  it('stores a replayed report once', async () => {
    const answer = await vehicle.exchangeWire(firstWire);
    expect(answer.rejected).toEqual([]);
    const [incident] = await list();
    expect(incident!.reportCount).toBe(1);
    expect((await detail(incidentId)).reports).toHaveLength(1);
  });

  it('keeps a follow-up that arrives before its first report and says what the chain lacks', async () => {
    const late = uuidv7();
    const t0 = Date.now();
    await vehicle.send([
      { kind: 'report', createdAt: t0 + 2000, body: report(late, { stage: 'followup', number: 2, text: 'Second update' }) },
    ]);
    let [incident] = (await list()).filter((i) => i.id === late);
    expect(incident).toMatchObject({
      header: null,
      chain: { complete: false, missingFirst: true, missingFollowups: [1] },
      deadline: { state: 'unknown' },
    });

    await vehicle.send([{ kind: 'report', createdAt: t0, body: report(late, { incident: header({ level: 'I', title: 'Landslide' }) }) }]);
    [incident] = (await list()).filter((i) => i.id === late);
    expect(incident).toMatchObject({
      header: { title: 'Landslide' },
      chain: { missingFirst: false, missingFollowups: [1] },
      deadline: { state: 'met' },
    });

    // A header written earlier by the crew does not replace the newer one, whatever order they arrive in.
    await vehicle.send([
      {
        kind: 'report',
        createdAt: t0 + 1000,
        body: report(late, {
          stage: 'followup',
          number: 1,
          text: 'First update',
          incident: header({ level: 'II', title: 'Landslide (assessed Ⅱ)' }),
        }),
      },
    ]);
    [incident] = (await list()).filter((i) => i.id === late);
    expect(incident).toMatchObject({ header: { level: 'II' }, chain: { complete: true } });

    await vehicle.send([
      { kind: 'report', createdAt: t0 + 3000, body: report(late, { stage: 'final', text: 'Cleared', nextSteps: 'Survey' }) },
    ]);
    [incident] = (await list('?status=closed')).filter((i) => i.id === late);
    expect(incident).toMatchObject({ status: 'closed', reportCount: 4, chain: { hasFinal: true } });
    const stages = (await detail(late)).reports.map((r) => `${r.stage}${r.number}`);
    expect(stages).toEqual(['first0', 'followup1', 'followup2', 'final0']);
  });

  it('receipts a report once (签收) and the vehicle gets the report-ack', async () => {
    const answer = await desk(center.url, center.staffToken, `/desk/v1/reports/${reportId}/ack`, {});
    expect(answer.status).toBe(200);
    const { report: acked } = DeskReportAnswer.parse(json(answer));
    expect(acked).toMatchObject({ id: reportId, ackedBy: 'Desk Wang' });
    const again = DeskReportAnswer.parse(json(await desk(center.url, center.staffToken, `/desk/v1/reports/${reportId}/ack`, {})));
    expect(again.report.ackedAt).toBe(acked.ackedAt);

    await vehicle.send();
    const acks = vehicle.down.filter((item) => item.kind === 'report-ack');
    expect(acks.map((item) => item.body)).toEqual([{ reportId, by: 'Desk Wang' }]);
    expect((await list()).find((i) => i.id === incidentId)!.unacked).toBe(0);
  });

  it('asks the vehicle for a follow-up', async () => {
    const answer = await desk(center.url, center.staffToken, `/desk/v1/incidents/${incidentId}/followup-request`, {
      text: '请报告堤坝现状',
    });
    expect(answer.status).toBe(201);
    await vehicle.send();
    const requests = vehicle.down.filter((item) => item.kind === 'followup-request');
    expect(requests.map((item) => [item.priority, item.body])).toEqual([
      ['immediate', { incidentId, from: 'Desk Wang', text: '请报告堤坝现状' }],
    ]);
  });

  it('lets staff open an incident from a phone call and send an order about it', async () => {
    const opened = await desk(center.url, center.staffToken, '/desk/v1/incidents', {
      header: header({ category: 'accident', type: 'traffic', level: 'III', title: 'Bus overturned on G318' }),
      note: 'Call from the county duty office',
    });
    expect(opened.status).toBe(201);
    const { incident } = json<{ incident: DeskIncident }>(opened);
    expect(incident).toMatchObject({ vehicleId: null, openedBy: 'Desk Wang', deadline: { state: 'met' }, reportCount: 0 });

    const ask = await desk(center.url, center.staffToken, `/desk/v1/incidents/${incident.id}/followup-request`, { text: 'Any news?' });
    expect([ask.status, errorOf(ask).code]).toEqual([409, 'incident-without-vehicle']);

    const order = await desk(center.url, center.staffToken, '/desk/v1/orders', {
      text: 'Go to G318 km 2301',
      to: { vehicleIds: [center.vehicleId] },
      incidentId: incident.id,
    });
    expect(order.status).toBe(201);
    await vehicle.send();
    const sent = vehicle.down.filter((item) => item.kind === 'order').at(-1);
    expect(sent?.body).toMatchObject({ incident: { id: incident.id, title: 'Bus overturned on G318' } });
    expect((await detail(incident.id)).incident.orderCount).toBe(1);
  });

  it("hides a vehicle's incidents from staff of another group", async () => {
    const seen = await list('', otherDesk);
    expect(seen.every((i) => i.vehicleId === null)).toBe(true);
    expect(seen).toHaveLength(1);
    const one = await desk(center.url, otherDesk, `/desk/v1/incidents/${incidentId}`);
    expect([one.status, errorOf(one).code]).toEqual([404, 'unknown-incident']);
    const ack = await desk(center.url, otherDesk, `/desk/v1/reports/${reportId}/ack`, {});
    expect([ack.status, errorOf(ack).code]).toEqual([404, 'unknown-report']);
    const ask = await desk(center.url, otherDesk, `/desk/v1/incidents/${incidentId}/followup-request`, { text: 'x' });
    expect([ask.status, errorOf(ask).code]).toEqual([404, 'unknown-incident']);
    const byVehicle = await desk(center.url, otherDesk, `/desk/v1/incidents?vehicleId=${center.vehicleId}`);
    expect([byVehicle.status, errorOf(byVehicle).code]).toEqual([403, 'vehicle-not-in-your-groups']);
    const photoUrl = `/desk/v1/vehicles/${center.vehicleId}/attachments/${originalId}/inline`;
    const file = await desk(center.url, otherDesk, photoUrl);
    expect([file.status, errorOf(file).code]).toEqual([403, 'vehicle-not-in-your-groups']);
  });

  it('refuses bad requests with a code and stores nothing', async () => {
    const before = (await list()).length;
    const cases: Array<[string, Promise<Awaited<ReturnType<typeof desk>>>, number, string]> = [
      ['no header', desk(center.url, center.staffToken, '/desk/v1/incidents', { note: 'x' }), 400, 'malformed'],
      ['bad level', desk(center.url, center.staffToken, '/desk/v1/incidents', { header: { ...header(), level: 'V' } }), 400, 'malformed'],
      [
        'half a position',
        desk(center.url, center.staffToken, '/desk/v1/incidents', { header: { ...header(), longitude: undefined } }),
        400,
        'malformed',
      ],
      [
        'empty follow-up',
        desk(center.url, center.staffToken, `/desk/v1/incidents/${incidentId}/followup-request`, { text: ' ' }),
        400,
        'malformed',
      ],
      ['bad filter', desk(center.url, center.staffToken, '/desk/v1/incidents?level=V'), 400, 'malformed'],
      ['unknown filter', desk(center.url, center.staffToken, '/desk/v1/incidents?colour=red'), 400, 'malformed'],
      ['not an id', desk(center.url, center.staffToken, '/desk/v1/incidents/nope'), 404, 'unknown-incident'],
      ['unknown report', desk(center.url, center.staffToken, `/desk/v1/reports/${uuidv7()}/ack`, {}), 404, 'unknown-report'],
      [
        'order about an unknown incident',
        desk(center.url, center.staffToken, '/desk/v1/orders', { text: 'x', to: { vehicleIds: [center.vehicleId] }, incidentId: uuidv7() }),
        404,
        'unknown-incident',
      ],
    ];
    for (const [what, pending, status, code] of cases) {
      const answer = await pending;
      expect([what, answer.status, errorOf(answer).code]).toEqual([what, status, code]);
    }
    expect(await list()).toHaveLength(before);
  });
});
