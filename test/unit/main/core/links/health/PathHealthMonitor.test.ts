import { describe, expect, it } from 'vitest';
import { PathHealthMonitor, type HealthSettings } from '../../../../../../main/core/links/health/PathHealthMonitor';
import { healthSettings } from '../../../../../../main/core/links/health/healthDefaults';
import { ProbeConfig } from '../../../../../../protocol/config/linkConfig';

/** Scripted probe results: a number is a good probe with that RTT, `x` a lost one. */
function run(script: Array<number | 'x'>, settings: Partial<HealthSettings> = {}) {
  const monitor = new PathHealthMonitor({
    downAfter: 3,
    upAfter: 5,
    failureLatencyMs: 1000,
    failureLossPct: 40,
    recoveryLatencyMs: 500,
    recoveryLossPct: 10,
    windowSize: 10,
    ...settings,
  });
  const states: string[] = [];
  script.forEach((step, i) => {
    monitor.record(
      step === 'x' ? { seq: i + 1, at: i * 1000, ok: false, error: 'timeout' } : { seq: i + 1, at: i * 1000, ok: true, rttMs: step },
    );
    states.push(monitor.state);
  });
  return { monitor, states };
}

describe('PathHealthMonitor', () => {
  it('is unknown until the first answer; loss counts only over enough probes', () => {
    const { states, monitor } = run(['x', 'x', 80]);
    expect(states).toEqual(['unknown', 'unknown', 'up']); // 3 probes are too few to call 67 % loss
    expect(run(['x', 'x', 'x', 80], { downAfter: 5 }).states.at(-1)).toBe('degraded');
    expect(monitor.figures.latencyMs).toBe(80);
    expect(monitor.figures.lossPct).toBeCloseTo((2 / 3) * 100);
    expect(monitor.figures.lostInARow).toBe(0);
    expect(run([80]).states).toEqual(['up']);
  });

  it('goes down after downAfter lost probes in a row, saying how many', () => {
    const { states, monitor } = run([50, 50, 50, 'x', 'x', 'x', 'x']);
    expect(states).toEqual(['up', 'up', 'up', 'up', 'degraded', 'down', 'down']);
    expect(monitor.reason).toEqual({ code: 'probes-lost', detail: '4 probes lost in a row' });
  });

  it('comes back only after upAfter good probes in a row, showing the count meanwhile', () => {
    const { states, monitor } = run(['x', 'x', 'x', 60, 60, 'x', 60, 60, 60, 60]);
    expect(states).toEqual(['unknown', 'unknown', 'down', 'down', 'down', 'down', 'down', 'down', 'down', 'down']);
    // The why (probes were lost) leads; how far back it is rides along.
    expect(monitor.reason).toEqual({
      code: 'probes-lost',
      detail: '3 probes lost in a row',
      recovery: { done: 4, of: 5, unit: 'probes' },
    });
    monitor.record({ seq: 11, at: 11_000, ok: true, rttMs: 60 });
    expect(monitor.state).toBe('up'); // 3 of the last 10 lost: under the failure line
  });

  it('does not thrash on a flapping path: one lost probe in two never takes it down, but it is degraded', () => {
    const { states, monitor } = run([40, 'x', 40, 'x', 40, 'x', 40, 'x', 40, 'x', 40, 'x']);
    expect(states.includes('down')).toBe(false);
    expect(states.slice(-4)).toEqual(['degraded', 'degraded', 'degraded', 'degraded']);
    expect(monitor.reason).toEqual({ code: 'high-loss', detail: '50 % lost (≥ 40 %)' });
    const transitions = states.filter((s, i) => i > 0 && s !== states[i - 1]).length;
    expect(transitions).toBeLessThanOrEqual(2);
  });

  it('follows a slow degradation and needs the recovery line, not the failure line, to come back', () => {
    const rising = [200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000];
    const { monitor } = run([...rising, 1800, 1600]);
    expect(monitor.state).toBe('degraded');
    expect(monitor.reason.code).toBe('high-latency');
    // Mean falls below the failure line (1000) but stays above the recovery line (500): still degraded.
    for (const rtt of [600, 600, 600, 600, 600, 600, 600, 600]) monitor.record({ seq: 0, at: 0, ok: true, rttMs: rtt });
    expect(monitor.figures.latencyMs).toBeLessThan(1000);
    expect(monitor.state).toBe('degraded');
    for (const rtt of [300, 300, 300, 300, 300, 300, 300, 300, 300, 300]) monitor.record({ seq: 0, at: 0, ok: true, rttMs: rtt });
    expect(monitor.state).toBe('up');
  });

  it('reports jitter as the mean difference of consecutive RTTs', () => {
    const { monitor } = run([100, 120, 100, 140]);
    expect(monitor.figures.jitterMs).toBeCloseTo((20 + 20 + 40) / 3);
  });

  it('names the socket error of a lost probe when there is one', () => {
    const monitor = new PathHealthMonitor({
      downAfter: 1,
      upAfter: 1,
      failureLatencyMs: 1000,
      failureLossPct: 40,
      recoveryLatencyMs: 500,
      recoveryLossPct: 10,
      windowSize: 5,
    });
    monitor.record({ seq: 1, at: 0, ok: false, error: 'cannot bind 10.9.9.9: EADDRNOTAVAIL' });
    expect(monitor.reason).toEqual({ code: 'probes-lost', detail: '1 probes lost in a row (cannot bind 10.9.9.9: EADDRNOTAVAIL)' });
  });

  it('refuses recovery lines above failure lines', () => {
    expect(
      () =>
        new PathHealthMonitor({
          downAfter: 3,
          upAfter: 3,
          failureLatencyMs: 500,
          failureLossPct: 40,
          recoveryLatencyMs: 900,
          recoveryLossPct: 10,
          windowSize: 5,
        }),
    ).toThrow(TypeError);
  });

  it('uses looser latency lines on satellite paths', () => {
    const probe = ProbeConfig.parse({ target: '127.0.0.1:7' });
    expect(healthSettings('satellite-ip', probe)).toMatchObject({
      failureLatencyMs: 2000,
      recoveryLatencyMs: 1200,
      downAfter: 3,
      upAfter: 5,
    });
    expect(healthSettings('cellular', probe)).toMatchObject({ failureLatencyMs: 1000, recoveryLatencyMs: 500 });
    expect(healthSettings('wired', { ...probe, failureLatencyMs: 300 })).toMatchObject({ failureLatencyMs: 300, recoveryLatencyMs: 300 });
  });
});
