import { describe, expect, it } from 'vitest';
import { DeviceClosedError, DeviceTimeoutError } from '../../../../native/device/deviceErrors';
import { CivChannel, CivCollisionError, type CivChannelOptions } from '../../../../native/hf/CivChannel';
import type { CivFrame } from '../../../../native/hf/civFrames';
import { waitFor } from '../../../support/waitFor';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

/** A channel whose radio is the test: `written` collects frames (hex), `reply` feeds bytes. */
function setup(options: Partial<CivChannelOptions> = {}) {
  const written: string[] = [];
  const channel = new CivChannel({
    write: (data) => written.push(data.toString('hex')),
    radioAddress: 0x94,
    controllerAddress: 0xe0,
    defaultTimeoutMs: 150,
    ...options,
  });
  const unsolicited: CivFrame[] = [];
  const echoes: CivFrame[] = [];
  channel.on('unsolicited', (frame) => unsolicited.push(frame));
  channel.on('echo', (frame) => echoes.push(frame));
  const reply = (text: string) => channel.feed(hex(text));
  return { channel, written, reply, unsolicited, echoes };
}

describe('CivChannel', () => {
  it('sends FE FE 94 E0 03 FD and resolves with the frequency answer', async () => {
    const { channel, written, reply } = setup();
    const answer = channel.send({ command: 0x03 });
    expect(written).toEqual(['fefe94e003fd']);
    reply('FE FE E0 94 03 00 40 07 14 00 FD');
    await expect(answer).resolves.toMatchObject({ kind: 'data', frame: { command: 0x03, body: hex('00 40 07 14 00') } });
  });

  it('drops its own echo from the bus and takes the answer behind it', async () => {
    const { channel, reply, echoes } = setup();
    const answer = channel.send({ command: 0x15, subcommand: 0x02 });
    reply('FE FE 94 E0 15 02 FD FE FE E0 94 15 02 01 20 FD');
    await expect(answer).resolves.toMatchObject({ kind: 'data', frame: { body: hex('02 01 20') } });
    expect(echoes.map((f) => f.command)).toEqual([0x15]);
  });

  it('takes FB as OK and FA as NG', async () => {
    const { channel, reply } = setup();
    const set = channel.send({ command: 0x05, data: [0x00, 0x00, 0x10, 0x07, 0x00] });
    reply('FE FE E0 94 FB FD');
    await expect(set).resolves.toEqual({ kind: 'ok' });
    const read = channel.send({ command: 0x15, subcommand: 0x02 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    reply('FE FE E0 94 FA FD');
    await expect(read).resolves.toEqual({ kind: 'ng' });
  });

  it('ignores frames of other radios and for other controllers on the bus', async () => {
    const { channel, reply, unsolicited } = setup();
    const answer = channel.send({ command: 0x03 });
    reply('FE FE E0 A4 03 00 00 10 07 00 FD'); // IC-705 answering someone
    reply('FE FE E1 94 03 00 00 10 07 00 FD'); // our radio answering another controller
    reply('FE FE E0 94 03 00 40 07 14 00 FD');
    await expect(answer).resolves.toMatchObject({ frame: { body: hex('00 40 07 14 00') } });
    expect(unsolicited).toEqual([]);
  });

  it('routes a transceive broadcast and a late answer of another command to unsolicited', async () => {
    const { channel, reply, unsolicited } = setup();
    const mode = channel.send({ command: 0x04 });
    reply('FE FE 00 94 00 00 00 10 07 00 FD'); // frequency changed on the radio
    reply('FE FE E0 94 03 00 40 07 14 00 FD'); // late answer to an earlier 03
    reply('FE FE E0 94 04 01 01 FD');
    await expect(mode).resolves.toMatchObject({ frame: { command: 0x04 } });
    expect(unsolicited.map((f) => [f.to, f.command])).toEqual([
      [0x00, 0x00],
      [0xe0, 0x03],
    ]);
  });

  it('sends again after a collision and resolves with the answer to the retry', async () => {
    const { channel, written, reply } = setup();
    const answer = channel.send({ command: 0x1c, subcommand: 0x00 });
    reply('FC FC FC');
    await waitFor('the retry', () => written.length === 2, 2000);
    expect(written[1]).toBe(written[0]);
    reply('FE FE E0 94 1C 00 01 FD');
    await expect(answer).resolves.toMatchObject({ frame: { body: hex('00 01') } });
    expect(channel.collisionCount).toBe(1);
  });

  it('gives up after the configured collision retries', async () => {
    const { channel, written, reply } = setup({ collisionRetries: 2 });
    const answer = channel.send({ command: 0x03 });
    for (let tries = 1; tries <= 3; tries++) {
      await waitFor(`try ${tries}`, () => written.length === tries, 2000);
      reply('FC FC FC');
    }
    await expect(answer).rejects.toBeInstanceOf(CivCollisionError);
  });

  it('times out when the radio is silent (powered off)', async () => {
    const { channel, reply } = setup();
    const answer = channel.send({ command: 0x03 });
    reply('FE FE 94 E0 03 FD'); // only the bus echo
    await expect(answer).rejects.toBeInstanceOf(DeviceTimeoutError);
  });

  it('rejects everything waiting when reset', async () => {
    const { channel } = setup();
    const a = channel.send({ command: 0x03 });
    const b = channel.send({ command: 0x04 });
    channel.reset('port closed');
    await expect(a).rejects.toBeInstanceOf(DeviceClosedError);
    await expect(b).rejects.toBeInstanceOf(DeviceClosedError);
  });
});
