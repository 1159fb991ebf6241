import { describe, expect, it } from 'vitest';
import { chainState, incidentDeadline } from '../../../center/store/incidentView';
import { DEFAULT_FIRST_REPORT_DEADLINES } from '../../../protocol/sync/incidents';

const MIN = 60_000;

describe('chainState', () => {
  it('is complete for a 初报 alone and for 初报, 续报 1, 2 and 终报', () => {
    expect(chainState([{ stage: 'first', number: 0 }])).toEqual({
      complete: true,
      missingFirst: false,
      missingFollowups: [],
      hasFinal: false,
    });
    expect(
      chainState([
        { stage: 'first', number: 0 },
        { stage: 'followup', number: 1 },
        { stage: 'followup', number: 2 },
        { stage: 'final', number: 0 },
      ]),
    ).toEqual({ complete: true, missingFirst: false, missingFollowups: [], hasFinal: true });
  });

  it('names what a chain received out of order still lacks', () => {
    expect(chainState([{ stage: 'followup', number: 3 }])).toEqual({
      complete: false,
      missingFirst: true,
      missingFollowups: [1, 2],
      hasFinal: false,
    });
    expect(
      chainState([
        { stage: 'final', number: 0 },
        { stage: 'first', number: 0 },
        { stage: 'followup', number: 2 },
      ]),
    ).toEqual({ complete: false, missingFirst: false, missingFollowups: [1], hasFinal: true });
  });

  it('counts an empty chain (an incident opened at the center) as lacking its 初报', () => {
    expect(chainState([])).toMatchObject({ complete: false, missingFirst: true, missingFollowups: [] });
  });
});

describe('incidentDeadline', () => {
  const occurredAt = 1_000 * MIN;

  it('is unknown without a header', () => {
    expect(incidentDeadline(null, null, occurredAt, DEFAULT_FIRST_REPORT_DEADLINES)).toEqual({ state: 'unknown', due: null, msLeft: null });
  });

  it('is met when the 初报 reached the center in time, late when after', () => {
    const due = occurredAt + 35 * MIN;
    expect(incidentDeadline({ level: 'I', occurredAt }, due, due + 10 * MIN, DEFAULT_FIRST_REPORT_DEADLINES)).toEqual({
      state: 'met',
      due,
      msLeft: 0,
    });
    expect(incidentDeadline({ level: 'II', occurredAt }, due + MIN, due, DEFAULT_FIRST_REPORT_DEADLINES)).toEqual({
      state: 'late',
      due,
      msLeft: -MIN,
    });
  });

  it('runs against now until the 初报 arrives, then turns late', () => {
    const due = occurredAt + 360 * MIN;
    expect(incidentDeadline({ level: 'IV', occurredAt }, null, due - 5 * MIN, DEFAULT_FIRST_REPORT_DEADLINES)).toEqual({
      state: 'running',
      due,
      msLeft: 5 * MIN,
    });
    expect(incidentDeadline({ level: 'IV', occurredAt }, null, due + 2 * MIN, DEFAULT_FIRST_REPORT_DEADLINES)).toEqual({
      state: 'late',
      due,
      msLeft: -2 * MIN,
    });
  });

  it('follows the deployment’s own deadlines', () => {
    const deadlines = { ...DEFAULT_FIRST_REPORT_DEADLINES, unassessed: 15 };
    expect(incidentDeadline({ level: 'unassessed', occurredAt }, null, occurredAt, deadlines).due).toBe(occurredAt + 15 * MIN);
  });
});
