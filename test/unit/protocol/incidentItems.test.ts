import { describe, expect, it } from 'vitest';
import { WireError, decodeItem, encodeCbor, encodeItem } from '../../../protocol/sync/codec';
import type { ReportBody } from '../../../protocol/sync/incidents';
import {
  DEFAULT_FIRST_REPORT_DEADLINES,
  firstReportDeadline,
  firstReportDue,
  firstReportPriority,
  nextFollowupNumber,
  reportChainError,
} from '../../../protocol/sync/incidents';
import type { SyncItem } from '../../../protocol/sync/items';
import { reportEssentials, SBD_MO_BYTES } from '../../../protocol/sync/reportEssentials';
import { uuidv7 } from '../../../protocol/sync/uuid';

const V = 'mcv-07';
const T = 1_790_000_000_000;
const INCIDENT = uuidv7(T);

function item(kind: SyncItem['kind'], body: unknown, priority: SyncItem['priority'] = 'immediate'): SyncItem {
  return { kind, seq: 12, id: uuidv7(T + 1), priority, createdAt: T, body } as SyncItem;
}

const header = {
  category: 'natural',
  type: 'flood',
  level: 'II',
  title: '江北堤段管涌险情',
  placeText: '武汉市江岸区江北大堤 K12+300',
  latitude: 30.6123456,
  longitude: 114.3012345,
  occurredAt: T - 600_000,
} as const;

const firstReport = {
  incidentId: INCIDENT,
  stage: 'first',
  number: 0,
  incident: header,
  text: '江北大堤K12处发现管涌两处，出水浑浊，直径约三十厘米，已组织人员围井反滤，现场水位持续上涨，请求增派抢险队伍和砂石料。',
  casualties: { dead: 0, injured: 2, missing: 1, trapped: 6 },
  help: '增派抢险队伍一支，砂石料200方',
  reporterName: '张伟',
  reporterPhone: '13800138000',
} as const;

describe('incident items on the wire', () => {
  it('round-trips first, follow-up and final reports, duty records, the center’s 签收 and follow-up requests', () => {
    const attachment = uuidv7(T + 7);
    const items = [
      item('report', firstReport, 'flash'),
      item('report', { incidentId: INCIDENT, stage: 'followup', number: 1, text: '管涌已控制', attachments: [attachment] }, 'immediate'),
      item('report', {
        incidentId: INCIDENT,
        stage: 'final',
        number: 0,
        text: '险情排除',
        incident: { ...header, level: 'III', latitude: undefined, longitude: undefined },
        nextSteps: '持续巡堤',
        cause: '高水位浸泡',
        measures: '围井反滤',
        impact: '无',
      }),
      item('duty', { type: 'shift', shiftId: INCIDENT, onDuty: ['李明', 'Wang'], leader: '赵局', startAt: T }, 'routine'),
      item('duty', { type: 'shift', shiftId: INCIDENT, onDuty: ['李明'], leader: '赵局', startAt: T, endAt: T + 8 * 3_600_000 }, 'routine'),
      item('duty', { type: 'entry', topic: 'link', text: 'VSAT-A down: 3 probes lost' }, 'routine'),
      item('duty', { type: 'entry', topic: 'manual', text: '巡查完毕', shiftId: INCIDENT, by: '李明' }, 'routine'),
      item(
        'duty',
        {
          type: 'call',
          callId: attachment,
          at: T,
          unit: '江岸区防汛办',
          caller: '刘',
          phone: '027-1234',
          summary: '堤段渗水',
          incidentId: INCIDENT,
        },
        'routine',
      ),
      item(
        'duty',
        {
          type: 'handover',
          shiftId: INCIDENT,
          done: '完成巡堤',
          pending: '',
          tasks: '盯住K12',
          equipment: 'VSAT-A UP',
          hazards: '水位上涨',
          outgoing: '李明',
          incoming: '王强',
          signedAt: T,
        },
        'routine',
      ),
      item('report-ack', { reportId: attachment, by: '王 Wang' }, 'priority'),
      item('followup-request', { incidentId: INCIDENT, from: '王 Wang', text: '请报伤亡最新情况' }, 'priority'),
      item(
        'attachment',
        { attachmentId: attachment, name: 'p.jpg', mime: 'image/jpeg', size: 3000, sha256: 'a'.repeat(64), thumbnailOf: INCIDENT },
        'priority',
      ),
      item('order', { text: '前往', from: 'Li', requireAck: true, incident: { id: INCIDENT, title: '江北堤段管涌险情' } }),
    ];
    for (const original of items) {
      const normalised = JSON.parse(JSON.stringify(original)) as SyncItem;
      expect(decodeItem(encodeItem(original), V)).toEqual(normalised);
    }
  });

  it('fits a located first report of 40 characters with casualties, help asked and reporter in one Iridium SBD message', () => {
    const short = { ...firstReport, text: firstReport.text.slice(0, 40) };
    const bytes = encodeItem(item('report', short, 'flash')).length;
    console.log(`first report (40 CJK characters, place, coordinates, casualties, help, reporter): ${bytes} bytes`);
    expect(bytes).toBeLessThanOrEqual(SBD_MO_BYTES);
    // Whole when it fits: the essentials of a report that fits are the report.
    expect(reportEssentials(item('report', short, 'flash') as Extract<SyncItem, { kind: 'report' }>)!.body).toEqual(short);
  });

  it('cuts a long report to essentials that fit 340 bytes, keeping the header and casualties', () => {
    const long = item(
      'report',
      { ...firstReport, text: '现场情况'.repeat(200), cause: '原因'.repeat(100), measures: '措施'.repeat(100) },
      'flash',
    );
    expect(encodeItem(long).length).toBeGreaterThan(1000);
    const essentials = reportEssentials(long as Extract<SyncItem, { kind: 'report' }>)!;
    expect(encodeItem(essentials).length).toBeLessThanOrEqual(SBD_MO_BYTES);
    expect(essentials.body.incident).toEqual(header);
    expect(essentials.body.casualties).toEqual(firstReport.casualties);
    expect(essentials.body.cause).toBeUndefined();
    expect(essentials.body.text.endsWith('…')).toBe(true);
    expect(essentials.body.text.length).toBeGreaterThan(20);
  });

  it('refuses malformed report bodies with a reason instead of crashing', () => {
    const wire = (body: unknown[]) => encodeCbor([1, 6, 1, 3, 1_790_000_000, new Uint8Array(16).fill(1), ...body]);
    expect(() => decodeItem(wire(['not bytes', 0, 0, 'x']), V)).toThrow(WireError);
    expect(() => decodeItem(wire([new Uint8Array(16), 0, 0, 'x', 'header?']), V)).toThrow(/report/);
    // A first report without its incident header is refused.
    expect(() => decodeItem(encodeItem(item('report', { ...firstReport, incident: undefined })), V)).toThrow(/names its incident/);
  });
});

describe('the report chain and its deadline', () => {
  const chain = (...stages: Array<[ReportBody['stage'], number]>) => ({ stages: stages.map(([stage, number]) => ({ stage, number })) });

  it('wants the first report first, follow-ups in order, and nothing after the final report', () => {
    expect(reportChainError(chain(), { stage: 'first', number: 0 })).toBeUndefined();
    expect(reportChainError(chain(), { stage: 'followup', number: 1 })).toMatch(/needs the first report/);
    expect(reportChainError(chain(), { stage: 'final', number: 0 })).toMatch(/needs the first report/);
    expect(reportChainError(chain(['first', 0]), { stage: 'first', number: 0 })).toMatch(/already has/);
    expect(reportChainError(chain(['first', 0]), { stage: 'followup', number: 2 })).toMatch(/number 1, not 2/);
    expect(reportChainError(chain(['first', 0], ['followup', 1]), { stage: 'followup', number: 2 })).toBeUndefined();
    expect(reportChainError(chain(['first', 0], ['followup', 1]), { stage: 'final', number: 0 })).toBeUndefined();
    expect(reportChainError(chain(['first', 0], ['final', 0]), { stage: 'followup', number: 1 })).toMatch(/final report/);
    expect(nextFollowupNumber(chain(['first', 0], ['followup', 1], ['followup', 2]))).toBe(3);
  });

  it('computes the first report’s deadline per level from configuration', () => {
    expect(firstReportDue('II', T, DEFAULT_FIRST_REPORT_DEADLINES)).toBe(T + 35 * 60_000);
    expect(firstReportDue('IV', T, DEFAULT_FIRST_REPORT_DEADLINES)).toBe(T + 6 * 3_600_000);
    expect(firstReportDue('IV', T, { ...DEFAULT_FIRST_REPORT_DEADLINES, IV: 120 })).toBe(T + 2 * 3_600_000);
    const due = T + 35 * 60_000;
    expect(firstReportDeadline(due, null, T + 60_000)).toEqual({ state: 'running', msLeft: 34 * 60_000 });
    expect(firstReportDeadline(due, null, due + 1)).toEqual({ state: 'late', msLeft: -1 });
    expect(firstReportDeadline(due, due - 5, due + 10_000).state).toBe('met');
    expect(firstReportDeadline(due, due + 5, due + 10_000).state).toBe('late');
    expect(firstReportPriority('I')).toBe('flash');
    expect(firstReportPriority('III')).toBe('immediate');
  });
});
