import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../../native/framing/LineSplitter';
import { RigctldChannel, type RigctldChannelOptions } from '../../../../native/hf/RigctldChannel';
import { CHK_VFO, RIG_REQUESTS, rigRequests } from '../../../../native/hf/rigctldCommands';
import { DeviceClosedError, DeviceTimeoutError } from '../../../../native/device/deviceErrors';
import { RigctldError, RigctldProtocolError } from '../../../../native/hf/rigctldErrors';
import { waitFor } from '../../../support/waitFor';

/** A channel whose rigctld is the test: `written` collects commands, `reply` feeds lines. */
function setup(options: Partial<RigctldChannelOptions> = {}) {
  const written: string[] = [];
  const channel = new RigctldChannel({
    write: (data) => written.push(data),
    defaultTimeoutMs: 150,
    resyncMs: 60,
    resyncMaxMs: 400,
    ...options,
  });
  const strays: string[] = [];
  channel.on('stray', (line) => strays.push(line));
  const reply = (...lines: string[]) => lines.forEach((line) => channel.feedLine(line));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { channel, written, reply, strays, settle };
}

describe('RigctldChannel, extended form', () => {
  it('sends +\\long_name with arguments and resolves with the records', async () => {
    const { channel, written, reply } = setup();
    const answer = channel.send(RIG_REQUESTS.strength);
    expect(written).toEqual(['+\\get_level STRENGTH\n']);
    reply('get_level: STRENGTH', '-12', 'RPRT 0');
    await expect(answer).resolves.toEqual([{ value: '-12' }]);
  });

  it('rejects with the decoded RPRT error', async () => {
    const { channel, reply } = setup();
    const answer = channel.send(RIG_REQUESTS.frequency);
    reply('get_freq:', 'RPRT -20');
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RigctldError);
    expect(error).toMatchObject({ code: 20, errorName: 'EPOWER' });
  });

  it('sends one command at a time, in order', async () => {
    const { channel, written, reply, settle } = setup();
    const freq = channel.send(RIG_REQUESTS.frequency);
    const mode = channel.send(RIG_REQUESTS.mode);
    expect(written).toHaveLength(1);
    reply('get_freq:', 'Frequency: 14074000', 'RPRT 0');
    await expect(freq).resolves.toEqual([{ key: 'Frequency', value: '14074000' }]);
    await settle();
    expect(written).toEqual(['+\\get_freq\n', '+\\get_mode\n']);
    reply('get_mode:', 'Mode: LSB', 'Passband: 2700', 'RPRT 0');
    await expect(mode).resolves.toMatchObject([{ value: 'LSB' }, { value: '2700' }]);
  });

  it('keeps a late answer to a timed-out command from shifting the next answer', async () => {
    const { channel, reply, strays, settle } = setup();
    const strength = channel.send(RIG_REQUESTS.strength);
    await expect(strength).rejects.toBeInstanceOf(DeviceTimeoutError);
    await settle();
    const rfPower = channel.send(RIG_REQUESTS.rfPower);
    // The late STRENGTH answer arrives first; its header names it.
    reply('get_level: STRENGTH', '-30', 'RPRT 0', 'get_level: RFPOWER', '0.250000', 'RPRT 0');
    await expect(rfPower).resolves.toEqual([{ value: '0.250000' }]);
    expect(strays).toEqual(['get_level: STRENGTH', '-30', 'RPRT 0']);
  });

  it('uses another punctuation prefix as the separator of a one-line answer', async () => {
    const { channel, written, reply } = setup({ extendedPrefix: '|' });
    const mode = channel.send(RIG_REQUESTS.mode);
    expect(written).toEqual(['|\\get_mode\n']);
    reply('get_mode:|Mode: USB|Passband: 2400|RPRT 0');
    await expect(mode).resolves.toMatchObject([{ value: 'USB' }, { value: '2400' }]);
  });

  it('sends \\chk_vfo without prefix and takes its one headerless line (rigctld 4.5.4)', async () => {
    const { channel, written, reply } = setup();
    const answer = channel.send(CHK_VFO);
    expect(written).toEqual(['\\chk_vfo\n']);
    reply('1');
    await expect(answer).resolves.toEqual([{ value: '1' }]);
  });

  it('in VFO mode, takes a header that echoes the VFO the command did not name', async () => {
    const { channel, written, reply } = setup();
    channel.vfoEcho = true;
    const power = channel.send(RIG_REQUESTS.powerstat);
    reply('get_powerstat: currVFO', 'Power Status: 1', 'RPRT 0');
    await expect(power).resolves.toEqual([{ key: 'Power Status', value: '1' }]);
    const frequency = channel.send(rigRequests(true).frequency);
    await waitFor('sent', () => written.length === 2);
    expect(written[1]).toBe('+\\get_freq currVFO\n');
    reply('get_freq: currVFO', 'Frequency: 7074000', 'RPRT 0');
    await expect(frequency).resolves.toEqual([{ key: 'Frequency', value: '7074000' }]);
  });

  it('rejects a bad prefix with a TypeError naming the option', () => {
    expect(() => setup({ extendedPrefix: '\\' })).toThrow(/extendedPrefix/);
    expect(() => setup({ extendedPrefix: 'x' })).toThrow(/extendedPrefix/);
  });
});

describe('RigctldChannel, default form', () => {
  it('sends the short command and reads as many lines as the command answers', async () => {
    const { channel, written, reply } = setup({ form: 'default' });
    const mode = channel.send(RIG_REQUESTS.mode);
    expect(written).toEqual(['m\n']);
    reply('USB', '2400');
    await expect(mode).resolves.toEqual([{ value: 'USB' }, { value: '2400' }]);
  });

  it('sends the VFO-mode short commands with the VFO first', async () => {
    const { channel, written, reply } = setup({ form: 'default' });
    const level = channel.send(rigRequests(true).strength);
    expect(written).toEqual(['l currVFO STRENGTH\n']);
    reply('-47');
    await expect(level).resolves.toEqual([{ value: '-47' }]);
  });

  it('takes a single RPRT -n as the failure', async () => {
    const { channel, reply } = setup({ form: 'default' });
    const level = channel.send(RIG_REQUESTS.rfPower);
    reply('RPRT -11');
    await expect(level).rejects.toMatchObject({ errorName: 'ENAVAIL', unsupported: true });
  });

  it('rejects an answer of the wrong shape and drains before the next command', async () => {
    const { channel, written, reply, settle } = setup({ form: 'default' });
    const freq = channel.send(RIG_REQUESTS.frequency);
    reply('USB'); // a mode where a frequency belongs: a line of another answer
    await expect(freq).rejects.toBeInstanceOf(RigctldProtocolError);
    const ptt = channel.send(RIG_REQUESTS.ptt);
    await settle();
    expect(written).toEqual(['f\n']); // held back while the line drains
    reply('2400'); // the rest of the misplaced answer: a stray now, and it restarts the quiet wait
    await waitFor('the next command after the drain', () => written.length === 2, 2000);
    expect(written).toEqual(['f\n', 't\n']);
    reply('1');
    await expect(ptt).resolves.toEqual([{ value: '1' }]);
  });

  it('drains a late answer after a timeout instead of taking it for the next one', async () => {
    const { channel, written, reply, strays } = setup({ form: 'default' });
    await expect(channel.send(RIG_REQUESTS.frequency)).rejects.toBeInstanceOf(DeviceTimeoutError);
    const strength = channel.send(RIG_REQUESTS.strength);
    reply('14074000'); // late answer to f, while the channel drains
    await waitFor('the next command after the drain', () => written.length === 2, 2000);
    expect(strays).toEqual(['14074000']);
    expect(written).toEqual(['f\n', 'l STRENGTH\n']);
    reply('-20');
    await expect(strength).resolves.toEqual([{ value: '-20' }]);
  });
});

describe('RigctldChannel, lifecycle', () => {
  it('rejects everything waiting when reset', async () => {
    const { channel } = setup();
    const a = channel.send(RIG_REQUESTS.frequency);
    const b = channel.send(RIG_REQUESTS.mode);
    channel.reset('connection closed');
    await expect(a).rejects.toBeInstanceOf(DeviceClosedError);
    await expect(b).rejects.toBeInstanceOf(DeviceClosedError);
    expect(channel.pending).toBe(0);
  });

  it('rejects when the write fails, and goes on with the next request', async () => {
    let fail = true;
    const channel = new RigctldChannel({
      write: () => {
        if (fail) throw new Error('not connected');
      },
    });
    await expect(channel.send(RIG_REQUESTS.frequency)).rejects.toThrow('not connected');
    fail = false;
    const next = channel.send(RIG_REQUESTS.frequency);
    channel.feedLine('get_freq:');
    channel.feedLine('Frequency: 7100000');
    channel.feedLine('RPRT 0');
    await expect(next).resolves.toEqual([{ key: 'Frequency', value: '7100000' }]);
  });

  it('holds bounded memory on endless bytes without LF, and answers again when lines resume', async () => {
    const { channel } = setup({ defaultTimeoutMs: 5000 });
    const splitter = new LineSplitter({ maxLineLength: 2048 });
    splitter.on('data', (line: string) => channel.feedLine(line));
    const freq = channel.send(RIG_REQUESTS.frequency);
    const junk = Buffer.alloc(64 * 1024, 0x41);
    for (let i = 0; i < 80; i++) {
      splitter.write(junk); // 5 MiB, no line end
      expect(splitter.pendingLength).toBeLessThanOrEqual(2048);
    }
    splitter.write('\nget_freq:\nFrequency: 3600000\nRPRT 0\n');
    await expect(freq).resolves.toEqual([{ key: 'Frequency', value: '3600000' }]);
    expect(splitter.overflowCount).toBe(1);
  });

  it('never throws on random bytes while requests wait, in either form (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('extended' as const, 'default' as const),
        fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 12 }),
        async (form, chunks) => {
          const channel = new RigctldChannel({ write: () => {}, form, defaultTimeoutMs: 1000 });
          const answers = Object.values(RIG_REQUESTS).map((request) => channel.send(request).catch(() => undefined));
          for (const chunk of chunks) {
            for (const line of Buffer.from(chunk)
              .toString('latin1')
              .split(/[\r\n]+/)) {
              if (line.trim() !== '') channel.feedLine(line.trim());
              await Promise.resolve(); // let the next request go out
            }
          }
          channel.reset('done');
          await Promise.all(answers);
          expect(channel.pending).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
