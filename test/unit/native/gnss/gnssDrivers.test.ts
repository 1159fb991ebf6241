import { describe, expect, it } from 'vitest';
import { GpsdDriver } from '../../../../native/gnss/GpsdDriver';
import { NmeaGnssDriver } from '../../../../native/gnss/NmeaGnssDriver';

describe('GNSS driver options', () => {
  it('NmeaGnssDriver names a bad option in a TypeError', () => {
    expect(() => new NmeaGnssDriver({ path: '' })).toThrow(TypeError);
    expect(() => new NmeaGnssDriver({ path: '' })).toThrow(/"path"/);
    expect(() => new NmeaGnssDriver({ path: '/dev/ttyACM0', baudRate: 0 })).toThrow(/"baudRate"/);
    expect(() => new NmeaGnssDriver({ path: '/dev/ttyACM0', silenceTimeoutMs: 1.5 })).toThrow(/"silenceTimeoutMs"/);
    expect(() => new NmeaGnssDriver({ path: '/dev/ttyACM0', epochGapMs: -1 })).toThrow(/"epochGapMs"/);
    expect(() => new NmeaGnssDriver({ path: '/dev/ttyACM0', maxLineLength: 0 })).toThrow(/"maxLineLength"/);
  });

  it('GpsdDriver names a bad option in a TypeError', () => {
    expect(() => new GpsdDriver({ host: '' })).toThrow(/"host"/);
    expect(() => new GpsdDriver({ port: 70_000 })).toThrow(/"port"/);
    expect(() => new GpsdDriver({ device: '' })).toThrow(/"device"/);
    expect(() => new GpsdDriver({ silenceTimeoutMs: 0 })).toThrow(/"silenceTimeoutMs"/);
  });

  it('defaults: 9600 baud NMEA on the given port, gpsd on 127.0.0.1:2947; both start as connecting', async () => {
    const nmea = new NmeaGnssDriver({ path: '/dev/ttyACM0' });
    const gpsd = new GpsdDriver();
    expect(gpsd.address).toBe('127.0.0.1:2947');
    expect(nmea.connection).toEqual({ state: 'connecting' });
    expect(gpsd.connection).toEqual({ state: 'connecting' });
    // close is idempotent, also before start
    await Promise.all([nmea.close(), nmea.close(), gpsd.close(), gpsd.close()]);
    nmea.start();
    gpsd.start();
    expect(nmea.connection.state).toBe('connecting');
  });
});
