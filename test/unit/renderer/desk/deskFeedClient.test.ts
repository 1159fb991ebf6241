import { describe, expect, it } from 'vitest';
import type { DeskFeedEvent } from '../../../../protocol/sync/deskFeed';
import { DeskFeedClient, type DeskFeedState } from '../../../../renderer/desk/deskFeed';
import { SseParser } from '../../../../renderer/desk/sseParser';

describe('SseParser', () => {
  it('splits frames across chunk boundaries, CRLF cut in two included, and skips comments', () => {
    const parser = new SseParser();
    const text = ': heartbeat\r\n\r\nid: 7\r\nevent: item\r\ndata: {"a":1}\r\n\r\nevent: x\ndata: one\ndata:two\n\n';
    const frames = [...text].flatMap((c) => parser.push(c));
    expect(frames).toEqual([
      { event: 'item', data: '{"a":1}', id: '7' },
      { event: 'x', data: 'one\ntwo', id: undefined },
    ]);
  });

  it('refuses a line that never ends', () => {
    const parser = new SseParser();
    expect(() => parser.push('data: '.padEnd(5 * 1024 * 1024, 'x'))).toThrow(/longer than 4 MiB/);
  });
});

/** A fetch that answers each call with the next scripted stream (or status), recording the Last-Event-ID sent. */
function scriptedFetch(answers: Array<string | number>) {
  const sent: Array<string | null> = [];
  const fetcher = (async (_url: URL, init?: RequestInit) => {
    sent.push(new Headers(init?.headers).get('last-event-id'));
    const answer = answers.shift();
    if (answer === undefined) return new Promise<Response>(() => {});
    if (typeof answer === 'number')
      return new Response(JSON.stringify({ code: answer === 401 ? 'unauthorized' : 'internal', message: 'no' }), { status: answer });
    return new Response(answer, { headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  }) as unknown as typeof fetch;
  return { fetcher, sent };
}

const downlink = (id: number, seq: number) =>
  `id: ${id}\nevent: downlink\ndata: ${JSON.stringify({ vehicleId: 'a', seq, id: 'x', kind: 'order', priority: 'flash', state: 'queued', deliveredAt: null })}\n\n`;

describe('DeskFeedClient', () => {
  it('checks each event, skips unknown kinds and bad data, and resumes with Last-Event-ID after the stream ends', async () => {
    const { fetcher, sent } = scriptedFetch([
      downlink(10, 1) + 'id: 11\nevent: order-state\ndata: {"whatever":true}\n\n' + 'id: 12\nevent: downlink\ndata: {"bad":1}\n\n',
      downlink(13, 2),
    ]);
    const events: DeskFeedEvent[] = [];
    const problems: string[] = [];
    const client = new DeskFeedClient({
      token: 't',
      baseUrl: 'http://center.test',
      fetch: fetcher,
      onEvent: (event) => events.push(event),
      onProblem: (message) => problems.push(message),
      random: () => 0,
    });
    client.start();
    await expect.poll(() => events.length).toBe(2);
    client.close();
    expect(events.map((e) => [e.kind, e.id])).toEqual([
      ['downlink', 10],
      ['downlink', 13],
    ]);
    expect(problems).toEqual([expect.stringMatching(/downlink event: data does not match the protocol/)]);
    expect(sent.slice(0, 2)).toEqual([null, '12']);
  });

  it('stops for good when the token is refused, and backs off on other failures', async () => {
    const states: DeskFeedState[] = [];
    const { fetcher } = scriptedFetch([500, 401]);
    const client = new DeskFeedClient({
      token: 't',
      baseUrl: 'http://center.test',
      fetch: fetcher,
      onEvent: () => {},
      onState: (state) => states.push(state),
      random: () => 0,
    });
    client.start();
    await expect.poll(() => states.at(-1)?.state).toBe('closed');
    expect(states.map((s) => s.state)).toEqual(['connecting', 'waiting', 'connecting', 'closed']);
    expect(states.at(-1)).toMatchObject({ error: { status: 401, code: 'unauthorized' } });
  });
});
