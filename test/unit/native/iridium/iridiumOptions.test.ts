import { describe, expect, it } from 'vitest';
import { IridiumSbdDriver } from '../../../../native/iridium/IridiumSbdDriver';
import { resolveIridiumOptions } from '../../../../native/iridium/iridiumOptions';
import { moBytesProblem, moTextProblem } from '../../../../native/iridium/moText';

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
      checkNetworkTime: true,
      moRetry: { randomMaxMs: [5000, 5000, 30_000, 30_000], thenEveryMs: 300_000 },
      random: Math.random,
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
    [{ path: '/dev/x', checkNetworkTime: 1 }, /"checkNetworkTime"/],
    [{ path: '/dev/x', moRetry: { thenEveryMs: 0 } }, /"moRetry" is invalid: thenEveryMs/],
    [{ path: '/dev/x', moRetry: { randomMaxMs: [-1] } }, /"moRetry" is invalid: randomMaxMs.0/],
    [{ path: '/dev/x', moRetry: { everyMs: 5 } }, /"moRetry" is invalid/],
    [{ path: '/dev/x', random: 0.5 }, /"random"/],
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
    await expect(driver.sendMo(Uint8Array.of(1))).rejects.toMatchObject({ code: 'sbd-closed' });
  });

  it('take a partial retry schedule and fill in the rest', () => {
    expect(resolveIridiumOptions({ path: '/dev/x', moRetry: { thenEveryMs: 60_000 } }).moRetry).toEqual({
      randomMaxMs: [5000, 5000, 30_000, 30_000],
      thenEveryMs: 60_000,
    });
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

describe('MO bytes check', () => {
  it('accepts 1 to 340 bytes of any value, as a Uint8Array or a Buffer', () => {
    expect(moBytesProblem(Uint8Array.of(0))).toBeUndefined();
    expect(moBytesProblem(new Uint8Array(340).fill(0xff))).toBeUndefined();
    expect(moBytesProblem(Buffer.from('\r\n'))).toBeUndefined();
  });

  it('refuses more than 340 bytes, none, and anything not bytes, each with its code and words', () => {
    expect(moBytesProblem(new Uint8Array(341))).toMatchObject({
      name: 'SbdError',
      code: 'sbd-mo-too-large',
      message: 'an SBD MO message holds at most 340 bytes; this one has 341',
    });
    expect(moBytesProblem(new Uint8Array(0))).toMatchObject({ code: 'sbd-mo-empty' });
    expect(moBytesProblem('PING')).toMatchObject({ code: 'sbd-mo-not-bytes' });
    expect(moBytesProblem([1, 2])).toMatchObject({ code: 'sbd-mo-not-bytes' });
  });
});
