import { describe, expect, it } from 'vitest';
import { IridiumSbdDriver } from '../../../../native/iridium/IridiumSbdDriver';
import { resolveIridiumOptions } from '../../../../native/iridium/iridiumOptions';
import { moTextProblem } from '../../../../native/iridium/moText';

describe('Iridium driver options', () => {
  it('fill in the documented defaults', () => {
    expect(resolveIridiumOptions({ path: '/dev/ttyUSB0' })).toEqual({
      path: '/dev/ttyUSB0',
      baudRate: 19200,
      pollIntervalMs: 10_000,
      commandTimeoutMs: 2000,
      sessionTimeoutMs: 60_000,
      mailboxCheckIntervalMs: 0,
      sessionRetryMs: 60_000,
      readMessages: true,
      unresponsiveAfter: 3,
      retryInitialMs: 500,
      retryMaxMs: 10_000,
    });
  });

  it.each([
    [{ path: '' }, /"path"/],
    [{ path: 42 }, /"path"/],
    [{ path: '/dev/x', baudRate: 0 }, /"baudRate"/],
    [{ path: '/dev/x', pollIntervalMs: 1.5 }, /"pollIntervalMs"/],
    [{ path: '/dev/x', sessionTimeoutMs: 10 }, /"sessionTimeoutMs"/],
    [{ path: '/dev/x', mailboxCheckIntervalMs: -1 }, /"mailboxCheckIntervalMs"/],
    [{ path: '/dev/x', readMessages: 'yes' }, /"readMessages"/],
    [{ path: '/dev/x', retryInitialMs: 5000, retryMaxMs: 1000 }, /"retryMaxMs"/],
  ])('reject %j with a TypeError naming the option', (options, name) => {
    expect(() => new IridiumSbdDriver(options as never)).toThrow(TypeError);
    expect(() => new IridiumSbdDriver(options as never)).toThrow(name);
  });

  it('start in "connecting" and close idempotently without ever opening', async () => {
    const driver = new IridiumSbdDriver({ path: '/nonexistent/iridium' });
    expect(driver.connection).toEqual({ state: 'connecting' });
    await expect(driver.session()).rejects.toThrow(/not ready/);
    await driver.close();
    await driver.close();
    await expect(driver.sendText('PING')).rejects.toThrow(/closed/);
  });
});

describe('MO text check', () => {
  it('accepts up to 340 bytes of UTF-8 text', () => {
    expect(moTextProblem('PING')).toBeUndefined();
    expect(moTextProblem('x'.repeat(340))).toBeUndefined();
    expect(moTextProblem('中'.repeat(113))).toBeUndefined(); // 339 bytes
  });

  it('rejects longer, empty, non-string and control-character texts with a clear error', () => {
    expect(moTextProblem('x'.repeat(341))).toEqual(new RangeError('an SBD text message holds at most 340 bytes; this one has 341'));
    expect(moTextProblem('中'.repeat(114))?.message).toMatch(/at most 340 bytes; this one has 342/);
    expect(moTextProblem('')).toBeInstanceOf(RangeError);
    expect(moTextProblem('a\rb')?.message).toMatch(/control characters/);
    expect(moTextProblem('a\bb')?.message).toMatch(/control characters/);
    expect(moTextProblem(7)).toBeInstanceOf(TypeError);
  });
});
