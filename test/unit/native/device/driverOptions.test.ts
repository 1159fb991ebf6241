import { describe, expect, it } from 'vitest';
import { CellularModemDriver } from '../../../../native/cellular/CellularModemDriver';
import {
  backoffOptions,
  booleanOption,
  integerOption,
  integerOptions,
  oneOfOption,
  positive,
  stringOption,
} from '../../../../native/device/driverOptions';

describe('driver options', () => {
  it('take the default when an option is missing and the value when it is good', () => {
    expect(integerOptions({ pollIntervalMs: 250 }, { pollIntervalMs: positive(1000), commandTimeoutMs: positive(2000) })).toEqual({
      pollIntervalMs: 250,
      commandTimeoutMs: 2000,
    });
    expect(booleanOption('readMessages', undefined, true)).toBe(true);
    expect(stringOption('host', undefined, '127.0.0.1')).toBe('127.0.0.1');
    expect(oneOfOption('protocol', 'default', ['extended', 'default'], 'extended')).toBe('default');
    expect(backoffOptions({})).toEqual({ retryInitialMs: 500, retryMaxMs: 10_000 });
  });

  it('throw a TypeError that names the option and says what it must be', () => {
    expect(() => integerOption('pollIntervalMs', 0, 1000)).toThrow(new TypeError('"pollIntervalMs" must be a positive integer'));
    expect(() => integerOption('collisionRetries', -1, 3, 0)).toThrow(new TypeError('"collisionRetries" must be a non-negative integer'));
    expect(() => integerOption('civAddress', 0xfe, 0x94, 0, 0xef)).toThrow(new TypeError('"civAddress" must be an integer from 0 to 239'));
    expect(() => integerOption('baudRate', '9600', 9600)).toThrow(TypeError);
    expect(() => booleanOption('readMessages', 'yes', true)).toThrow(new TypeError('"readMessages" must be a boolean'));
    expect(() => stringOption('path', '')).toThrow(new TypeError('"path" must be a non-empty string'));
    expect(() => stringOption('path', undefined)).toThrow(new TypeError('"path" must be a non-empty string'));
    expect(() => oneOfOption('vfoMode', 'maybe', ['auto', 'on', 'off'], 'auto')).toThrow(
      new TypeError('"vfoMode" must be "auto", "on" or "off"'),
    );
    expect(() => backoffOptions({ retryInitialMs: 5000, retryMaxMs: 1000 })).toThrow(
      new TypeError('"retryMaxMs" must not be less than "retryInitialMs"'),
    );
  });

  it('the cellular driver checks its options in the same style', async () => {
    expect(() => new CellularModemDriver({ path: '' })).toThrow(/"path"/);
    expect(() => new CellularModemDriver({ path: '/dev/null', pollIntervalMs: 0 })).toThrow(/"pollIntervalMs"/);
    expect(() => new CellularModemDriver({ path: '/dev/null', lteSinrFormula: 'tenth-db' as never })).toThrow(/"lteSinrFormula"/);
    const driver = new CellularModemDriver({ path: '/dev/null' });
    expect(driver.connection).toEqual({ state: 'connecting' });
    await driver.close();
  });
});
