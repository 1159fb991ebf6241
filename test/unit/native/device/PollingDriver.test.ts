import { afterEach, describe, expect, it, vi } from 'vitest';
import { SafeEmitter } from '../../../../platform/events/SafeEmitter';
import type { Logger } from '../../../../platform/log/logger';
import { DeviceTimeoutError } from '../../../../native/device/deviceErrors';
import { PollingDriver } from '../../../../native/device/PollingDriver';
import type { DeviceLink, DeviceLinkEvents } from '../../../../native/device/ReconnectingLink';
import type { DeviceConnection } from '../../../../native/device/deviceTypes';

type Problem = 'port-missing' | 'port-closed';

/** A link the test opens and drops by hand. */
class FakeLink extends SafeEmitter<DeviceLinkEvents<Problem>> implements DeviceLink<Problem> {
  isOpen = false;
  started = 0;
  closed = 0;
  start(): void {
    this.started++;
  }
  write(): boolean {
    return this.isOpen;
  }
  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
}

/** A driver whose poll is what the test says: answer, time out, or throw. */
class FakeDriver extends PollingDriver<{ at: number }, Problem> {
  readonly link = new FakeLink();
  readonly resets: string[] = [];
  readonly lines: string[] = [];
  polls: number[] = [];
  opened = 0;
  dropped = 0;
  next: 'answer' | 'timeout' | 'bug' = 'answer';

  constructor(log: Logger) {
    super({ pollIntervalMs: 1000, unresponsiveAfter: 2, log, name: '/dev/ttyFAKE' });
    this.attach({
      link: this.link,
      channel: { reset: (reason) => this.resets.push(reason) },
      lines: { onLine: (line) => this.lines.push(line) },
    });
  }

  protected linkOpened(): void {
    this.opened++;
  }

  protected override linkDropped(): void {
    this.dropped++;
  }

  protected poll(generation: number): Promise<void> {
    this.polls.push(generation);
    if (this.next === 'bug') return Promise.reject(new Error('a bug'));
    if (this.next === 'timeout') {
      this.unanswered({ code: 'not-responding', detail: 'silent' });
      return Promise.reject(new DeviceTimeoutError('PING', 100));
    }
    this.answered();
    this.setConnection({ state: 'ready' });
    return Promise.resolve();
  }
}

function setup() {
  const warnings: unknown[][] = [];
  const log: Logger = { debug: () => {}, info: () => {}, error: () => {}, warn: (...args) => warnings.push(args) };
  const driver = new FakeDriver(log);
  const states: DeviceConnection[] = [];
  driver.on('connection', (c) => states.push(c));
  return { driver, warnings, states };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PollingDriver', () => {
  it('start() starts the link; an open link is polled once per interval', async () => {
    vi.useFakeTimers();
    const { driver, states } = setup();
    driver.start();
    expect(driver.link.started).toBe(1);
    driver.link.safeEmit('open');
    await vi.advanceTimersByTimeAsync(0);
    expect(driver.opened).toBe(1);
    expect(states.map((s) => s.state)).toEqual(['ready']); // 'connecting' is the initial state, not announced again
    await vi.advanceTimersByTimeAsync(2000);
    expect(driver.polls).toEqual([1, 1, 1]);
    await driver.close();
  });

  it('feeds the link bytes to the line framing of the current connection', async () => {
    const { driver } = setup();
    driver.link.safeEmit('open');
    driver.link.safeEmit('data', Buffer.from('OK\r\n+CSQ: 1'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(driver.lines).toEqual(['OK']);
    await driver.close();
  });

  it('calls the device unresponsive after unresponsiveAfter unanswered commands, and logs no timeout', async () => {
    vi.useFakeTimers();
    const { driver, states, warnings } = setup();
    driver.next = 'timeout';
    driver.link.safeEmit('open');
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)).toEqual({ state: 'unresponsive', problem: { code: 'not-responding', detail: 'silent' } });
    expect(warnings).toEqual([]);
    driver.next = 'answer';
    await vi.advanceTimersByTimeAsync(1000);
    expect(states.at(-1)?.state).toBe('ready');
    await driver.close();
  });

  it('logs an unexpected poll failure with the device name', async () => {
    vi.useFakeTimers();
    const { driver, warnings } = setup();
    driver.next = 'bug';
    driver.link.safeEmit('open');
    await vi.advanceTimersByTimeAsync(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]![0]).toBe('/dev/ttyFAKE: unexpected poll failure');
    await driver.close();
  });

  it('a drop resets the channel, says lost with the device named, and stops the loop until the link opens again', async () => {
    vi.useFakeTimers();
    const { driver, states } = setup();
    driver.link.safeEmit('open');
    await vi.advanceTimersByTimeAsync(0);
    driver.link.safeEmit('down', 'port-closed', 'port closed');
    expect(driver.resets).toEqual(['port closed']);
    expect(driver.dropped).toBe(1);
    expect(states.at(-1)).toEqual({ state: 'lost', problem: { code: 'port-closed', detail: '/dev/ttyFAKE: port closed' } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(driver.polls).toEqual([1]);
    driver.link.safeEmit('open');
    await vi.advanceTimersByTimeAsync(1000);
    expect(driver.polls).toEqual([1, 3, 3]);
    await driver.close();
  });

  it('close() resets the channel, closes the link once and ends the loop', async () => {
    vi.useFakeTimers();
    const { driver } = setup();
    driver.link.safeEmit('open');
    await vi.advanceTimersByTimeAsync(0);
    await driver.close();
    await driver.close();
    expect(driver.resets).toEqual(['driver closed']);
    expect(driver.link.closed).toBe(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(driver.polls).toEqual([1]);
  });
});
