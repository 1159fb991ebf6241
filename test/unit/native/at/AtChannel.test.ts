import { afterEach, describe, expect, it, vi } from 'vitest';
import { AtChannel } from '../../../../native/at/AtChannel';
import { AtCommandError } from '../../../../native/at/atErrors';
import { DeviceClosedError, DeviceTimeoutError } from '../../../../native/device/deviceErrors';

/** A channel whose device is the test: `written` collects commands, `reply` feeds lines. */
function setup(options: Partial<ConstructorParameters<typeof AtChannel>[0]> = {}) {
  const written: string[] = [];
  const channel = new AtChannel({ write: (data) => written.push(data), defaultTimeoutMs: 200, resyncMs: 50, ...options });
  const urcs: string[] = [];
  const echoes: string[] = [];
  const strays: string[] = [];
  channel.on('urc', (line) => urcs.push(line));
  channel.on('echo', (line) => echoes.push(line));
  channel.on('stray', (line) => strays.push(line));
  const reply = (...lines: string[]) => lines.forEach((line) => channel.feedLine(line));
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { channel, written, reply, urcs, echoes, strays, tick };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('AtChannel', () => {
  it('writes the command with CR and resolves with its prefixed answer lines', async () => {
    const { channel, written, reply } = setup();
    const answer = channel.send({ command: 'AT+CSQ', prefix: '+CSQ:' });
    expect(written).toEqual(['AT+CSQ\r']);
    reply('+CSQ: 23,99', 'OK');
    await expect(answer).resolves.toEqual({ command: 'AT+CSQ', lines: ['+CSQ: 23,99'] });
  });

  it('drops the echoed command', async () => {
    const { channel, reply, echoes } = setup();
    const answer = channel.send({ command: 'AT+CSQ', prefix: '+CSQ:' });
    reply('AT+CSQ', '+CSQ: 5,99', 'OK');
    await expect(answer).resolves.toMatchObject({ lines: ['+CSQ: 5,99'] });
    expect(echoes).toEqual(['AT+CSQ']);
  });

  it('routes a URC that arrives between the answer and OK to the urc event', async () => {
    const { channel, reply, urcs } = setup();
    const answer = channel.send({ command: 'AT+CESQ', prefix: '+CESQ:' });
    reply('+CESQ: 99,99,255,255,20,80', '+CEREG: 2', 'OK');
    await expect(answer).resolves.toMatchObject({ lines: ['+CESQ: 99,99,255,255,20,80'] });
    expect(urcs).toEqual(['+CEREG: 2']);
  });

  it('uses isUnsolicited to tell a registration URC from the answer with the same prefix', async () => {
    const { channel, reply, urcs } = setup();
    const answer = channel.send({ command: 'AT+CEREG?', prefix: '+CEREG:', isUnsolicited: (line) => !line.includes(',') });
    reply('+CEREG: 1', '+CEREG: 2,1,"2D18","03089F02",7', 'OK');
    await expect(answer).resolves.toMatchObject({ lines: ['+CEREG: 2,1,"2D18","03089F02",7'] });
    expect(urcs).toEqual(['+CEREG: 1']);
  });

  it('treats lines arriving with no command waiting as URCs', () => {
    const { reply, urcs } = setup();
    reply('RDY', '+QIND: SMS DONE');
    expect(urcs).toEqual(['RDY', '+QIND: SMS DONE']);
  });

  it('rejects with AtCommandError decoding +CME ERROR in numeric form', async () => {
    const { channel, reply } = setup();
    const answer = channel.send({ command: 'AT+CPIN?', prefix: '+CPIN:' });
    reply('+CME ERROR: 10');
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AtCommandError);
    expect(error).toMatchObject({ kind: 'cme', code: 10, command: 'AT+CPIN?' });
    expect((error as Error).message).toContain('SIM not inserted');
  });

  it('decodes +CME ERROR in text form to the same code', async () => {
    const { channel, reply } = setup();
    const answer = channel.send({ command: 'AT+CPIN?', prefix: '+CPIN:' });
    reply('+CME ERROR: SIM not inserted');
    await expect(answer).rejects.toMatchObject({ kind: 'cme', code: 10 });
  });

  it('marks plain ERROR and CME 4 as unsupported, CME 3 as not', async () => {
    const { channel, reply } = setup();
    const plain = channel.send({ command: 'AT+QENG="servingcell"' });
    reply('ERROR');
    await expect(plain).rejects.toMatchObject({ unsupported: true });
    const four = channel.send({ command: 'AT+C5GREG?' });
    await Promise.resolve();
    reply('+CME ERROR: 4');
    await expect(four).rejects.toMatchObject({ unsupported: true });
    const three = channel.send({ command: 'AT+COPS?' });
    await Promise.resolve();
    reply('+CME ERROR: 3');
    await expect(three).rejects.toMatchObject({ unsupported: false, code: 3 });
  });

  it('sends queued commands one at a time, in order', async () => {
    const { channel, written, reply, tick } = setup();
    const first = channel.send({ command: 'AT+CSQ', prefix: '+CSQ:' });
    const second = channel.send({ command: 'AT+COPS?', prefix: '+COPS:' });
    expect(written).toEqual(['AT+CSQ\r']);
    expect(channel.pending).toBe(2);
    reply('+CSQ: 10,99', 'OK');
    await first;
    await tick();
    expect(written).toEqual(['AT+CSQ\r', 'AT+COPS?\r']);
    reply('+COPS: 0', 'OK');
    await expect(second).resolves.toMatchObject({ lines: ['+COPS: 0'] });
  });

  it('times out a silent command, then does not take its late OK for the next command', async () => {
    vi.useFakeTimers();
    const { channel, written, reply, strays } = setup();
    const silent = channel.send({ command: 'AT+COPS?', prefix: '+COPS:', timeoutMs: 100 });
    const timedOut = expect(silent).rejects.toBeInstanceOf(DeviceTimeoutError);
    await vi.advanceTimersByTimeAsync(101);
    await timedOut;
    const next = channel.send({ command: 'AT+CSQ', prefix: '+CSQ:' });
    // The late answer of the timed-out command arrives during the resync pause.
    reply('+COPS: 0', 'OK');
    expect(strays).toEqual(['OK']);
    expect(written).toEqual(['AT+COPS?\r']);
    await vi.advanceTimersByTimeAsync(60);
    expect(written).toEqual(['AT+COPS?\r', 'AT+CSQ\r']);
    reply('+CSQ: 12,99', 'OK');
    await expect(next).resolves.toMatchObject({ lines: ['+CSQ: 12,99'] });
  });

  it('waits while a late answer keeps arriving, up to resyncMaxMs', async () => {
    vi.useFakeTimers();
    const { channel, written, reply } = setup({ resyncMs: 100, resyncMaxMs: 1000 });
    const silent = channel.send({ command: 'AT+COPS?', prefix: '+COPS:', timeoutMs: 100 });
    const timedOut = expect(silent).rejects.toBeInstanceOf(DeviceTimeoutError);
    await vi.advanceTimersByTimeAsync(101);
    await timedOut;
    void channel.send({ command: 'AT+CSQ', prefix: '+CSQ:' }).catch(() => {});
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(80);
      reply(`+COPS: 0,0,"slow ${i}",7`);
    }
    expect(written).toEqual(['AT+COPS?\r']); // still draining 400 ms after the timeout
    await vi.advanceTimersByTimeAsync(101);
    expect(written).toEqual(['AT+COPS?\r', 'AT+CSQ\r']);
    channel.reset('done');
  });

  it('reset() rejects the running and the queued commands with DeviceClosedError', async () => {
    const { channel } = setup();
    const a = channel.send({ command: 'AT+CSQ' });
    const b = channel.send({ command: 'AT+CESQ' });
    channel.reset('port closed');
    await expect(a).rejects.toBeInstanceOf(DeviceClosedError);
    await expect(b).rejects.toBeInstanceOf(DeviceClosedError);
    expect(channel.pending).toBe(0);
  });

  it('refuses something that is not one AT command', async () => {
    const { channel, written } = setup();
    await expect(channel.send({ command: 'AT+CSQ\rATZ' })).rejects.toBeInstanceOf(TypeError);
    await expect(channel.send({ command: 'hello' })).rejects.toBeInstanceOf(TypeError);
    expect(written).toEqual([]);
  });

  it('turns a throwing write into a rejected command', async () => {
    const channel = new AtChannel({
      write: () => {
        throw new Error('port is not open');
      },
    });
    await expect(channel.send({ command: 'AT' })).rejects.toThrow('port is not open');
    expect(channel.pending).toBe(0);
  });
});
