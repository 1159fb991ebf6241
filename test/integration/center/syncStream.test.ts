import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeCbor, encodeCbor, encodeItem } from '../../../protocol/sync/codec';
import type { ExchangeRequest } from '../../../protocol/sync/exchange';
import type { SyncItem } from '../../../protocol/sync/items';
import { StreamAnswerFrame, SYNC_STREAM_PATH } from '../../../protocol/sync/stream';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { deskItemsOf } from '../../support/syncRig';

/**
 * The sync stream (protocol/sync/stream.ts) on the real center: exchanges pipelined on one
 * WebSocket are answered in order with what `POST /sync/v1/exchange` would answer; a replay
 * is held once; a bad token never gets a stream; a frame that is not the protocol closes it
 * with the reason; a token revoked while the stream is open ends it at its next frame.
 */

let center: CenterProcess;
beforeAll(async () => {
  center = await startCenter();
});
afterAll(async () => {
  await center?.dispose();
});

const streamUrl = () => `${center.url.replace(/^http/, 'ws')}${SYNC_STREAM_PATH}`;

function open(token: string): Promise<{ ws: WebSocket; answers: StreamAnswerFrame[]; closed: Promise<{ code: number; reason: string }> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl(), { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: true });
    const answers: StreamAnswerFrame[] = [];
    ws.on('message', (data: Buffer) => answers.push(StreamAnswerFrame.parse(decodeCbor(data))));
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on('close', (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.once('open', () => resolve({ ws, answers, closed }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const message = (seq: number, text: string): Uint8Array =>
  encodeItem({
    kind: 'message',
    seq,
    id: uuidv7(),
    priority: 'routine',
    createdAt: Math.floor(Date.now() / 1000) * 1000,
    body: { text },
  } as SyncItem);
const request = (items: Uint8Array[]): ExchangeRequest => ({ v: 1, items, downAck: 0 });

async function answersOf(answers: StreamAnswerFrame[], count: number): Promise<StreamAnswerFrame[]> {
  const deadline = Date.now() + 10_000;
  while (answers.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return answers;
}

describe('the sync stream on the real center', () => {
  it('answers pipelined exchanges in order, as the HTTP exchange would, and holds a replay once', async () => {
    const { ws, answers } = await open(center.vehicleToken);
    const first = message(1, 'stream one 管涌');
    for (const [n, items] of [
      [1, [first]],
      [2, [message(2, 'stream two')]],
      [3, [first, message(3, 'stream three')]],
    ] as const)
      ws.send(encodeCbor({ n, x: request([...items]) }));
    const got = await answersOf(answers, 3);
    expect(got.map((a) => a.n)).toEqual([1, 2, 3]);
    expect(got.map((a) => ('r' in a ? a.r.ack : -1))).toEqual([1, 2, 3]);
    const texts = (await deskItemsOf(center)).map((i) => i.body.text);
    expect(texts.filter((t) => t === 'stream one 管涌')).toHaveLength(1);
    expect(texts).toEqual(expect.arrayContaining(['stream two', 'stream three']));
    ws.close();
  });

  it('answers a refused exchange with the error the HTTP exchange would give, and goes on', async () => {
    const { ws, answers } = await open(center.vehicleToken);
    ws.send(encodeCbor({ n: 1, x: { v: 1, items: [], downAck: 999 } }));
    ws.send(encodeCbor({ n: 2, x: request([]) }));
    const got = await answersOf(answers, 2);
    expect(got[0]).toMatchObject({ n: 1, e: { status: 409, code: 'down-mismatch' } });
    expect(got[1]).toMatchObject({ n: 2, r: { ack: 3 } });
    ws.close();
  });

  it('gives no stream to a bad token, and closes one whose frame is not the protocol', async () => {
    await expect(open(`mcv-v.${center.vehicleId}.${'x'.repeat(43)}`)).rejects.toThrow('upgrade answered 401');
    const { ws, closed } = await open(center.vehicleToken);
    ws.send('{"n":1}');
    expect(await closed).toEqual({ code: 1007, reason: 'text frame; the stream carries binary CBOR frames' });
    const again = await open(center.vehicleToken);
    again.ws.send(encodeCbor({ n: 1, x: { v: 1 } }));
    expect((await again.closed).code).toBe(1007);
    // The center keeps serving.
    expect((await fetch(`${center.url}/healthz`)).status).toBe(200);
  });

  it('ends the stream of a token revoked while it is open, at its next frame', async () => {
    const { ws, answers, closed } = await open(center.vehicleToken);
    const revoked = await runCenterCli(['vehicles', 'revoke', center.vehicleId, '--data-dir', center.dataDir]);
    expect(revoked.code).toBe(0);
    ws.send(encodeCbor({ n: 1, x: request([]) }));
    expect((await closed).code).toBe(4003);
    expect(answers[0]).toMatchObject({ n: 1, e: { status: 401, code: 'unauthorized' } });
  });
});
