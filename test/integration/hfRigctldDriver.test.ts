import { afterEach, describe, expect, it } from 'vitest';
import { RigctldSimulator } from '../../fixtures/devices/hf/RigctldSimulator';
import type { RigState } from '../../fixtures/devices/hf/rigState';
import type { HfReading } from '../../native/hf/hfTypes';
import { RigctldDriver, type RigctldDriverOptions } from '../../native/hf/RigctldDriver';
import { probeDriver } from '../support/driverProbe';
import { startSimulator } from '../support/simulatorProcess';
import { waitFor } from '../support/waitFor';

/**
 * The rigctld driver against the rigctld simulator over real TCP on 127.0.0.1: what the
 * console does with Hamlib's rigctld, minus the radio. Both answer forms, every fault.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatedRigctld(initial: Partial<RigState> = {}, chunked = true) {
  const sim = await RigctldSimulator.listen({ port: 0, initial, chunked });
  cleanups.push(() => sim.close());
  return sim;
}

/** Starts a driver with short intervals and records everything it emits. */
function startDriver(port: number, options: Partial<RigctldDriverOptions> = {}) {
  const driver = new RigctldDriver({ port, pollIntervalMs: 250, commandTimeoutMs: 600, retryInitialMs: 100, retryMaxMs: 400, ...options });
  const probe = probeDriver<HfReading>(driver);
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, ...probe };
}

/** Every value a reading carried matches the simulator's state (no answer shifted onto another field). */
function consistent(reading: HfReading, s: RigState): boolean {
  const expected: Partial<HfReading> = {
    frequencyHz: s.frequencyHz,
    mode: s.mode,
    passbandHz: s.passbandHz,
    strengthDb: s.strengthDb,
    ptt: s.ptt,
    rfPower: s.rfPower,
    powerOn: true,
  };
  return Object.entries(expected).every(
    ([key, value]) => reading[key as keyof HfReading] === undefined || reading[key as keyof HfReading] === value,
  );
}

describe.each(['extended', 'default'] as const)('rigctld driver (%s form) against the simulator over TCP', (protocol) => {
  it('reports frequency, mode, passband, S-meter, PTT, RF power and power', async () => {
    const sim = await simulatedRigctld({ frequencyHz: 7_074_000, mode: 'PKTUSB', passbandHz: 3000, strengthDb: -24, rfPower: 0.25 });
    const probe = startDriver(sim.port, { protocol });
    await waitFor('a full reading', () => probe.latest.rfPower !== undefined && probe.driver.connection.state === 'ready');
    expect(probe.latest).toMatchObject({
      frequencyHz: 7_074_000,
      mode: 'PKTUSB',
      passbandHz: 3000,
      strengthDb: -24,
      ptt: false,
      rfPower: 0.25,
      powerOn: true,
    });
    if (protocol === 'extended') expect(probe.identities).toEqual([{ manufacturer: 'Icom', model: 'IC-7300' }]);
  });

  it('follows changes on the rig', async () => {
    const sim = await simulatedRigctld();
    const probe = startDriver(sim.port, { protocol });
    await waitFor('first reading', () => probe.latest.frequencyHz);
    sim.set({ frequencyHz: 3_573_000, mode: 'LSB', passbandHz: 2700, ptt: true, strengthDb: 10 });
    await waitFor('new values', () => probe.latest.frequencyHz === 3_573_000 && probe.latest.ptt === true);
    expect(probe.latest).toMatchObject({ mode: 'LSB', passbandHz: 2700, strengthDb: 10 });
  });

  it('reports a powered-off rig (get_powerstat 0, other commands EPOWER) as powerOn false, staying ready', async () => {
    const sim = await simulatedRigctld();
    sim.setOffAnswer('epower');
    const probe = startDriver(sim.port, { protocol });
    await waitFor('on', () => probe.latest.powerOn === true && probe.latest.frequencyHz);
    sim.set({ powerstat: 0 });
    await waitFor('off', () => probe.latest.powerOn === false);
    expect(probe.driver.connection.state).toBe('ready');
    sim.set({ powerstat: 1 });
    await waitFor('on again with values', () => probe.latest.powerOn === true && probe.latest.frequencyHz === 14_074_000);
  });

  it('reports a rig switched off as rigctld 4.5.4 answers it (success, no values) as powerOn false, staying ready', async () => {
    const sim = await simulatedRigctld();
    const probe = startDriver(sim.port, { protocol });
    await waitFor('on', () => probe.latest.powerOn === true && probe.latest.frequencyHz);
    sim.set({ powerstat: 0 });
    await waitFor('off', () => probe.latest.powerOn === false);
    expect(probe.latest.frequencyHz).toBeUndefined();
    expect(probe.driver.connection.state).toBe('ready');
    sim.set({ powerstat: 1 });
    await waitFor('on again with values', () => probe.latest.powerOn === true && probe.latest.frequencyHz === 14_074_000);
  });

  it('reads RPRT -20 EPOWER as powerOn false when the rig has no get_powerstat', async () => {
    const sim = await simulatedRigctld();
    sim.setOffAnswer('epower');
    sim.setUnsupported('powerstat', true);
    const probe = startDriver(sim.port, { protocol });
    await waitFor('on (inferred from values)', () => probe.latest.powerOn === true);
    sim.set({ powerstat: 0 });
    await waitFor('off from EPOWER', () => probe.latest.powerOn === false);
    expect(probe.driver.connection.state).toBe('ready');
  });

  it('reports an off rig without get_powerstat whose every get succeeds with no value as off, never ready-and-empty', async () => {
    const sim = await simulatedRigctld();
    sim.setUnsupported('powerstat', true);
    const probe = startDriver(sim.port, { protocol });
    await waitFor('on', () => probe.latest.frequencyHz);
    sim.set({ powerstat: 0 });
    await waitFor('off', () => probe.latest.powerOn === false);
    const from = probe.readings.length;
    await waitFor('two more polls', () => probe.readings.length >= from + 2);
    expect(probe.driver.connection.state).toBe('ready');
  });

  it('calls a rig rigctld cannot reach (RPRT -5 ETIMEOUT) radio-silent, and recovers', async () => {
    const sim = await simulatedRigctld();
    const probe = startDriver(sim.port, { protocol });
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    sim.setLink('silent');
    await waitFor('radio-silent', () => probe.driver.connection.problem?.code === 'radio-silent');
    expect(probe.driver.connection.state).toBe('unresponsive');
    expect(probe.driver.connection.problem?.detail).toContain('ETIMEOUT');
    sim.setLink('ok');
    await waitFor('ready again', () => probe.driver.connection.state === 'ready');
  });

  it('calls a lost rig port (RPRT -6 EIO) a rig error with the detail, and recovers', async () => {
    const sim = await simulatedRigctld();
    const probe = startDriver(sim.port, { protocol });
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    sim.setLink('port-lost');
    await waitFor('rig-error', () => probe.driver.connection.problem?.code === 'rig-error');
    expect(probe.driver.connection).toMatchObject({ state: 'unresponsive', problem: { detail: expect.stringContaining('RPRT -6 EIO') } });
    sim.setLink('ok');
    const from = probe.readings.length;
    await waitFor(
      'fresh readings',
      () => probe.driver.connection.state === 'ready' && probe.since(from).some((r) => r.frequencyHz !== undefined),
    );
  });

  it('stops asking for a level the rig does not have (RPRT -11 ENAVAIL)', async () => {
    const sim = await simulatedRigctld();
    sim.setUnsupported('STRENGTH', true);
    const asked: string[] = [];
    sim.on('command', (line) => asked.push(line));
    const probe = startDriver(sim.port, { protocol });
    await waitFor('readings', () => probe.readings.length >= 2);
    const strengthAsks = () => asked.filter((line) => line.includes('STRENGTH')).length;
    const before = strengthAsks();
    const from = probe.readings.length;
    await waitFor('three more polls', () => probe.readings.length >= from + 3);
    expect(strengthAsks()).toBe(before);
    expect(before).toBe(1);
    expect(probe.latest.strengthDb).toBeUndefined();
    expect(probe.latest.rfPower).toBe(0.5);
  });

  it('calls a silent rigctld unresponsive (not-responding), and recovers when it answers again', async () => {
    const sim = await simulatedRigctld();
    const probe = startDriver(sim.port, { protocol });
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    sim.silence(Number.POSITIVE_INFINITY);
    await waitFor('unresponsive', () => probe.driver.connection.state === 'unresponsive', 15_000);
    expect(probe.driver.connection.problem?.code).toBe('not-responding');
    sim.silence(0);
    await waitFor('ready again', () => probe.driver.connection.state === 'ready', 15_000);
  });

  it('survives garbage with and without line ends, and never reports a wrong value', async () => {
    const sim = await simulatedRigctld({}, false);
    const probe = startDriver(sim.port, { protocol });
    await waitFor('ready', () => probe.latest.frequencyHz);
    sim.garbage(200_000);
    sim.garbage(20_000, true);
    sim.stray('hello from nowhere');
    const from = probe.readings.length;
    sim.set({ frequencyHz: 10_136_000 });
    await waitFor('readings after garbage', () => probe.since(from).some((r) => r.frequencyHz === 10_136_000), 20_000);
    const state = sim.state;
    expect(
      probe
        .since(from)
        .filter((r) => r.frequencyHz === 10_136_000)
        .every((r) => consistent(r, state)),
    ).toBe(true);
  });

  it('never lets late answers shift later ones, and recovers when rigctld is prompt again', async () => {
    const sim = await simulatedRigctld({}, false);
    const probe = startDriver(sim.port, { protocol });
    await waitFor('ready', () => probe.latest.frequencyHz);
    const from = probe.readings.length;
    let asked = 0;
    sim.on('command', () => asked++);
    // Answers come 1000 ms late: past the 600 ms timeout and past the drain that follows it, so in
    // the default form they land in the windows of later commands.
    sim.delay(1000);
    await waitFor('six commands asked of a late rigctld', () => asked >= 6, 20_000);
    sim.delay(0);
    sim.set({ frequencyHz: 21_074_000 });
    await waitFor('prompt readings again', () => probe.since(from).some((r) => r.frequencyHz === 21_074_000), 20_000);
    const state = sim.state;
    const late = probe.since(from);
    expect(probe.driver.strayLines).toBeGreaterThan(0);
    // Every value is the rig's (before or after the retune); nothing shifted onto another field, no false "off".
    expect(late.filter((r) => r.frequencyHz !== 14_074_000).every((r) => consistent(r, state))).toBe(true);
    expect(late.filter((r) => r.frequencyHz === 14_074_000).every((r) => consistent(r, { ...state, frequencyHz: 14_074_000 }))).toBe(true);
    expect(late.every((r) => r.powerOn !== false)).toBe(true);
  });

  it('never reports a value under the wrong name when unexpected lines slip in before answers', async () => {
    const sim = await simulatedRigctld({ strengthDb: -30, rfPower: 0.25 }, false);
    const probe = startDriver(sim.port, { protocol, pollIntervalMs: 100 });
    await waitFor('ready', () => probe.latest.frequencyHz);
    const from = probe.readings.length;
    const commands =
      protocol === 'extended'
        ? ['+\\get_powerstat', '+\\get_freq', '+\\get_level STRENGTH', '+\\get_ptt', '+\\get_level RFPOWER', '+\\get_mode']
        : ['\\get_powerstat', 'f', 'l STRENGTH', 't', 'l RFPOWER', 'm'];
    let asked = 0;
    let armed: { command: string; line: string; apart: boolean } | undefined;
    sim.on('command', (command) => {
      asked++;
      if (armed?.command !== command) return;
      sim.injectBeforeNextAnswer(armed.line, armed.apart);
      armed = undefined;
    });
    // Lines that pass for powerstat, PTT, a frequency, a level, a mode: each before every
    // answer of the poll, in the answer's own write or in a write of its own that arrives
    // while the command waits (shifting the real answer onto the next command).
    for (const line of ['0', '1', 'LSB']) {
      for (const apart of [false, true]) {
        for (const command of commands) {
          armed = { command, line, apart };
          await waitFor(`an intruder before ${command}`, () => armed === undefined);
          const until = asked + 8;
          await waitFor('more than a poll', () => asked >= until);
        }
      }
    }
    sim.set({ frequencyHz: 18_100_000 });
    await waitFor('clean readings again', () => probe.since(from).some((r) => r.frequencyHz === 18_100_000), 15_000);
    const state = sim.state;
    const after = probe.since(from);
    expect(after.length).toBeGreaterThan(10);
    expect(after.filter((r) => r.frequencyHz !== 14_074_000).every((r) => consistent(r, state))).toBe(true);
    expect(after.filter((r) => r.frequencyHz === 14_074_000).every((r) => consistent(r, { ...state, frequencyHz: 14_074_000 }))).toBe(true);
  });

  it('goes lost when rigctld restarts and reconnects by itself', async () => {
    const sim = await simulatedRigctld();
    const probe = startDriver(sim.port, { protocol });
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    void sim.restart(800);
    await waitFor('lost', () => probe.driver.connection.state === 'lost');
    expect(probe.driver.connection.problem?.code).toMatch(/^service-(closed|unreachable)$/);
    expect(probe.driver.connection.problem?.detail).toContain(`127.0.0.1:${sim.port}`);
    const from = probe.readings.length;
    await waitFor('ready again', () => probe.driver.connection.state === 'ready' && probe.since(from).length > 0, 15_000);
    expect(probe.connections.some((c) => c.problem?.code === 'service-unreachable')).toBe(true);
  });
});

describe('rigctld driver and the simulator process', () => {
  it('reports rigctld unreachable until it starts, and reconnects after it is killed and started again', async () => {
    const portProbe = await RigctldSimulator.listen({ port: 0 });
    const port = portProbe.port;
    await portProbe.close();
    const probe = startDriver(port);
    await waitFor('unreachable', () => probe.driver.connection.problem?.code === 'service-unreachable');

    const start = async () => {
      const sim = await startSimulator('rigctld', ['--port', String(port), '--freq', '5357000']);
      cleanups.push(() => sim.dispose());
      return sim;
    };
    const first = await start();
    expect(first.ready).toMatchObject({ type: 'ready', port });
    await waitFor('ready', () => probe.driver.connection.state === 'ready' && probe.latest.frequencyHz === 5_357_000, 15_000);
    await first.dispose();
    await waitFor('lost', () => probe.driver.connection.state === 'lost', 15_000);
    await start();
    const from = probe.readings.length;
    await waitFor('ready again', () => probe.driver.connection.state === 'ready' && probe.since(from).length > 0, 20_000);
  });

  it('reports the real port of --port 0 in its ready message', async () => {
    const sim = await startSimulator('rigctld', ['--port', '0']);
    cleanups.push(() => sim.dispose());
    const port = sim.ready.port!;
    expect(port).toBeGreaterThan(0);
    const probe = startDriver(port);
    await waitFor('values from the spawned simulator', () => probe.latest.frequencyHz === 14_074_000, 15_000);
  });
});
