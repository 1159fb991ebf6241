import { describe, expect, it } from 'vitest';
import { CivDriver } from '../../../../native/hf/CivDriver';
import { RigctldDriver } from '../../../../native/hf/RigctldDriver';

describe('HF driver options', () => {
  it('rigctld: a bad option is a TypeError naming it', () => {
    expect(() => new RigctldDriver({ port: 0 })).toThrow(/"port"/);
    expect(() => new RigctldDriver({ host: '' })).toThrow(/"host"/);
    expect(() => new RigctldDriver({ pollIntervalMs: 0 })).toThrow(/"pollIntervalMs"/);
    expect(() => new RigctldDriver({ commandTimeoutMs: 1.5 })).toThrow(/"commandTimeoutMs"/);
    expect(() => new RigctldDriver({ protocol: 'verbose' as 'default' })).toThrow(/"protocol"/);
  });

  it('rigctld: defaults to 127.0.0.1:4532 and does not connect before start', async () => {
    const driver = new RigctldDriver();
    expect(driver.address).toBe('127.0.0.1:4532');
    expect(driver.connection).toEqual({ state: 'connecting' });
    await driver.close();
    await driver.close(); // idempotent
  });

  it('CI-V: a bad option is a TypeError naming it', () => {
    expect(() => new CivDriver({ path: '' })).toThrow(/"path"/);
    expect(() => new CivDriver({ path: '/dev/null', civAddress: 0xfe })).toThrow(/"civAddress"/);
    expect(() => new CivDriver({ path: '/dev/null', controllerAddress: 0x94 })).toThrow(/"controllerAddress"/);
    expect(() => new CivDriver({ path: '/dev/null', baudRate: -1 })).toThrow(/"baudRate"/);
    expect(() => new CivDriver({ path: '/dev/null', collisionRetries: -1 })).toThrow(/"collisionRetries"/);
    expect(() => new CivDriver({ path: '/dev/null', sMeterCalibration: [] })).toThrow(/"sMeterCalibration"/);
  });

  it('CI-V: closes idempotently without having started', async () => {
    const driver = new CivDriver({ path: '/dev/null' });
    await driver.close();
    await driver.close();
    expect(driver.connection.state).toBe('connecting');
  });
});
