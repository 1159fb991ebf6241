import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CellularModemDriver } from '../../native/cellular/CellularModemDriver';
import type { CellularReading } from '../../native/cellular/cellularTypes';
import { CellularModemSimulator } from '../../fixtures/devices/cellular/CellularModemSimulator';
import type { ModemState } from '../../fixtures/devices/cellular/modemState';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { probeDriver } from '../support/driverProbe';
import { startSimulator } from '../support/simulatorProcess';
import { useTempDirs } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

/**
 * The AT driver against the modem simulator over a real socat pty pair: what the
 * console does with a real USB modem, minus the radio.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatedModem(initial: Partial<ModemState> = {}, chunked = true) {
  const device = await PtyDevice.open(join(tempDir(), 'modem.tty'), (write) => new CellularModemSimulator({ write, initial, chunked }));
  cleanups.push(() => device.close());
  return device;
}

function startDriver(path: string) {
  const driver = new CellularModemDriver({ path, pollIntervalMs: 250, commandTimeoutMs: 600, retryInitialMs: 100, retryMaxMs: 400 });
  const probe = probeDriver<CellularReading>(driver);
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, probe };
}

describe('cellular driver against the simulator over a pty', () => {
  it('reports identity, registration, technology, operator and signal', async () => {
    const modem = await simulatedModem({ technology: 'nr5g-sa', rsrpDbm: -93, sinrDb: 9, rsrqDb: -12 });
    const { driver, probe } = startDriver(modem.devicePath);
    await waitFor('an operator name', () => probe.latest.operatorName);
    expect(driver.connection).toEqual({ state: 'ready' });
    expect(probe.identities[0]).toEqual({ manufacturer: 'Quectel', model: 'RM520N-GL', revision: 'RM520NGLAAR03A03M4G' });
    expect(probe.latest).toMatchObject({
      sim: 'ready',
      registration: 'home',
      technology: 'nr5g-sa',
      operatorName: 'CHINA MOBILE',
      plmn: '460-00',
      band: 'n78',
      rsrpDbm: -93,
      rsrqDb: -12,
      sinrDb: 9,
    });
  });

  it('cuts device-given text to size and strips control characters', async () => {
    const modem = await simulatedModem({ operatorLong: `LONG\u0007${'X'.repeat(250)}` });
    const { probe } = startDriver(modem.devicePath);
    const name = await waitFor('an operator name', () => probe.latest.operatorName as string | undefined);
    expect(name).toHaveLength(64);
    expect(name.startsWith('LONG X')).toBe(true);
  });

  it('follows signal and technology changes (SA → NSA → LTE)', async () => {
    const modem = await simulatedModem();
    const { probe } = startDriver(modem.devicePath);
    await waitFor('first reading', () => probe.latest.rsrpDbm);
    modem.simulator.set({ technology: 'nr5g-nsa', rsrpDbm: -99, nrRsrpDbm: -77, nrSinrDb: 18 });
    await waitFor('NSA', () => probe.latest.technology === 'nr5g-nsa' && probe.latest.nrRsrpDbm === -77);
    expect(probe.latest).toMatchObject({ rsrpDbm: -99, nrSinrDb: 18, band: 'B3+n78' });
    modem.simulator.set({ technology: 'lte', rsrpDbm: -108 });
    await waitFor('LTE', () => probe.latest.technology === 'lte' && probe.latest.rsrpDbm === -108);
    expect(probe.latest.nrRsrpDbm).toBeUndefined();
  });

  it('reports loss of registration from the URC, then recovery', async () => {
    const modem = await simulatedModem({ technology: 'lte' });
    const { probe } = startDriver(modem.devicePath);
    await waitFor('registered', () => probe.latest.registration === 'home' && probe.latest.operatorName);
    modem.simulator.set({ registration: 'searching' });
    await waitFor('searching', () => probe.latest.registration === 'searching');
    await waitFor(
      'values cleared',
      () => probe.latest.rsrpDbm === undefined && probe.latest.technology === undefined && probe.latest.operatorName === undefined,
    );
    modem.simulator.set({ registration: 'home' });
    await waitFor(
      'registered again with operator',
      () => probe.latest.registration === 'home' && probe.latest.operatorName === 'CHINA MOBILE' && probe.latest.rsrpDbm !== undefined,
    );
  });

  it('reports a missing SIM', async () => {
    const modem = await simulatedModem({ sim: 'absent' });
    const { probe } = startDriver(modem.devicePath);
    await waitFor('sim absent', () => probe.latest.sim === 'absent');
    expect(probe.latest.registration).toBe('not-registered');
  });

  it('keeps answers apart from a URC that arrives in the middle of one', async () => {
    const modem = await simulatedModem({ technology: 'lte', rsrpDbm: -88 }, false);
    const { probe } = startDriver(modem.devicePath);
    await waitFor('first reading', () => probe.latest.rsrpDbm === -88);
    const from = probe.readings.length;
    // Both packet domains (GPRS, EPS) report "searching", each inside a different answer.
    modem.simulator.urcDuringNextAnswer('+CGREG: 2');
    modem.simulator.urcDuringNextAnswer('+CEREG: 2');
    modem.simulator.set({ rsrpDbm: -97 });
    await waitFor('new value', () => probe.latest.rsrpDbm === -97);
    const after = probe.since(from);
    // The URCs came between answers and their OK: they were routed as registration events, and the answers still parsed.
    expect(after.some((r) => r.registration === 'searching' && r.rsrpDbm === undefined)).toBe(true);
    await waitFor('registration restored by the next poll', () => probe.latest.registration === 'home');
  });

  it('re-initialises after a modem reboot (echo back on, boot URCs)', async () => {
    const modem = await simulatedModem();
    const { probe } = startDriver(modem.devicePath);
    await waitFor('ready', () => probe.latest.rsrpDbm);
    expect(probe.identities).toHaveLength(1);
    modem.simulator.reboot(800);
    await waitFor('second init', () => probe.identities.length >= 2, 15_000);
    const from = probe.readings.length;
    modem.simulator.set({ rsrpDbm: -101 });
    await waitFor('readings after reboot', () => probe.since(from).some((r) => r.rsrpDbm === -101));
  });

  it('survives garbage bytes, with and without line endings, and recovers', async () => {
    const modem = await simulatedModem({}, false);
    const { driver, probe } = startDriver(modem.devicePath);
    await waitFor('ready', () => probe.latest.rsrpDbm);
    modem.simulator.garbage(200_000);
    modem.simulator.garbage(20_000, true);
    const from = probe.readings.length;
    modem.simulator.set({ rsrpDbm: -111 });
    await waitFor('readings after garbage', () => probe.since(from).some((r) => r.rsrpDbm === -111), 20_000);
    expect(['ready', 'connecting']).toContain(driver.connection.state);
  });

  it('calls a silent modem unresponsive, and recovers when it speaks again', async () => {
    const modem = await simulatedModem();
    const { driver, probe } = startDriver(modem.devicePath);
    await waitFor('ready', () => probe.latest.rsrpDbm);
    modem.simulator.silence(Number.POSITIVE_INFINITY);
    await waitFor('unresponsive', () => driver.connection.state === 'unresponsive', 15_000);
    expect(driver.connection.problem).toMatchObject({ code: 'not-responding' });
    modem.simulator.silence(0);
    await waitFor('ready again', () => driver.connection.state === 'ready', 15_000);
    const from = probe.readings.length;
    await waitFor('fresh readings', () => probe.since(from).length > 0);
  });

  it('reports a missing port and connects when the modem appears', async () => {
    const path = join(tempDir(), 'late.tty');
    const { driver, probe } = startDriver(path);
    await waitFor('port missing', () => driver.connection.state === 'lost' && driver.connection.problem?.code === 'port-missing');
    expect(driver.connection.problem?.detail).toContain(path);
    const device = await PtyDevice.open(path, (write) => new CellularModemSimulator({ write }));
    cleanups.push(() => device.close());
    await waitFor('ready once it appears', () => driver.connection.state === 'ready' && probe.latest.rsrpDbm);
  });

  it('reconnects by itself when the simulator process is killed and restarted', async () => {
    const path = join(tempDir(), 'modem.tty');
    const start = async () => {
      const sim = await startSimulator('cellular', ['--port', path]);
      cleanups.push(() => sim.dispose());
      return sim;
    };
    const first = await start();
    const { driver, probe } = startDriver(path);
    await waitFor('ready', () => driver.connection.state === 'ready' && probe.latest.rsrpDbm);
    await first.dispose();
    await waitFor('port lost', () => driver.connection.state === 'lost', 15_000);
    await start();
    const from = probe.readings.length;
    await waitFor(
      'ready again',
      () => driver.connection.state === 'ready' && probe.since(from).some((r) => r.rsrpDbm !== undefined),
      20_000,
    );
    expect(probe.identities.length).toBeGreaterThanOrEqual(2);
  });
});
