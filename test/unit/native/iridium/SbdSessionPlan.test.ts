import { describe, expect, it } from 'vitest';
import type { SbdSession } from '../../../../protocol/links/sbd';
import { SbdSessionPlan } from '../../../../native/iridium/SbdSessionPlan';
import { sbdOutcome } from '../../../../native/iridium/sbdOutcome';

function result(moStatus: number, mt: Partial<SbdSession> = {}): SbdSession {
  const failed = moStatus > 4;
  return { moStatus, outcome: sbdOutcome(moStatus), momsn: 1, mtStatus: failed ? 2 : 0, mtmsn: 0, mtLength: 0, mtQueued: 0, ...mt };
}

describe('SbdSessionPlan', () => {
  it('plans nothing without mailbox checks or a ring alert', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 0, retryMs: 60_000 });
    plan.ready(0);
    expect(plan.due(1_000_000)).toBeUndefined();
    expect(plan.nextDueAt()).toBeUndefined();
  });

  it('checks the mailbox when first ready, then an interval after the last session of any kind', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 600_000, retryMs: 60_000 });
    plan.ready(1000);
    expect(plan.due(1000)).toBe('mailbox');
    plan.sessionDone(result(0), 2000);
    expect(plan.due(601_999)).toBeUndefined();
    expect(plan.nextDueAt()).toBe(602_000);
    expect(plan.due(602_000)).toBe('mailbox');
    // A caller's session also checked the mailbox: the next check moves.
    plan.sessionDone(result(0), 300_000);
    expect(plan.due(602_000)).toBeUndefined();
  });

  it('does not repeat the first check on every re-init after a restart', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 600_000, retryMs: 60_000 });
    plan.ready(0);
    plan.sessionDone(result(0), 0);
    plan.ready(5000);
    expect(plan.due(5000)).toBeUndefined();
  });

  it('fetches at once on SBDRING, ahead of a mailbox check, and stops once the mailbox is drained', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 600_000, retryMs: 60_000 });
    plan.ready(0);
    plan.ringAlert(0);
    expect(plan.due(0)).toBe('ring');
    plan.sessionDone(result(0, { mtStatus: 1, mtmsn: 1, mtLength: 5, mtQueued: 0 }), 10);
    expect(plan.fetchWanted).toBe(false);
    expect(plan.due(20)).toBeUndefined();
  });

  it('fetches again when a ring came in while a session ran and that session received nothing', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 0, retryMs: 60_000 });
    plan.ringAlert(5000);
    plan.sessionDone(result(0), 20_000, 0);
    expect(plan.due(20_000)).toBe('ring');
    plan.sessionDone(result(0), 30_000, 20_000);
    expect(plan.due(30_000)).toBeUndefined(); // the ring was before this one started: drained
  });

  it('fetches the next message at once while more are queued', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 0, retryMs: 60_000 });
    plan.ringAlert(0);
    plan.sessionDone(result(0, { mtStatus: 1, mtmsn: 1, mtLength: 5, mtQueued: 2 }), 10);
    expect(plan.due(10)).toBe('ring');
  });

  it('does not chase a queue it cannot fetch (MO status 1: MT message too big)', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 0, retryMs: 60_000 });
    plan.ringAlert(0);
    plan.sessionDone(result(1, { mtStatus: 0, mtQueued: 1 }), 10);
    expect(plan.due(100_000)).toBeUndefined();
  });

  it('retries a failed fetch after retryMs, and a new ring retries at once', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 0, retryMs: 60_000 });
    plan.ringAlert(0);
    plan.sessionDone(result(32), 1000);
    expect(plan.due(60_999)).toBeUndefined();
    expect(plan.nextDueAt()).toBe(61_000);
    expect(plan.due(61_000)).toBe('ring');
    plan.sessionDone(undefined, 61_000); // timed out, no +SBDIX
    expect(plan.due(62_000)).toBeUndefined();
    plan.ringAlert(62_000);
    expect(plan.due(62_000)).toBe('ring');
  });

  it('holds every automatic session three minutes after MO status 36', () => {
    const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: 10_000, retryMs: 1000 });
    plan.ready(0);
    plan.ringAlert(0);
    plan.sessionDone(result(36), 0);
    expect(plan.due(179_999)).toBeUndefined();
    expect(plan.nextDueAt()).toBe(180_000);
    plan.ringAlert(100_000);
    expect(plan.due(100_000)).toBeUndefined();
    expect(plan.due(180_000)).toBe('ring');
  });
});
