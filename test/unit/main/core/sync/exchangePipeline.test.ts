import { describe, expect, it } from 'vitest';
import { ExchangePipeline, streamFrameBytes, streamWindowBytes } from '../../../../../main/core/sync/ExchangePipeline';
import type { ExchangePlan } from '../../../../../main/core/sync/exchangePlan';
import type { OutboxEntry } from '../../../../../main/core/store/outboxRepo';

const HF = {
  linkId: 'hf',
  linkName: 'HF',
  route: { baseUrl: 'http://c', stream: true },
  budgetKbps: 0.7,
  latencyMs: 3000,
  capacityKbps: 2.4,
};

function plan(seqs: number[], bytesEach: number): ExchangePlan {
  return {
    link: HF,
    entries: seqs.map((seq) => ({ seq }) as OutboxEntry),
    encoded: seqs.map(() => new Uint8Array(bytesEach)),
    priority: 'routine',
  };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ExchangePipeline', () => {
  it('sizes frames at a second of the link and the window at its round trip and a second more', () => {
    expect(streamFrameBytes(HF)).toBe(300);
    expect(streamWindowBytes(HF)).toBe(1200);
    // Never below two frames, never frames below 256 B or above 4 KiB.
    expect(streamFrameBytes({ capacityKbps: 0.3 })).toBe(256);
    expect(streamWindowBytes({ capacityKbps: 0.3, latencyMs: 100 })).toBe(512);
    expect(streamFrameBytes({ capacityKbps: 100_000 })).toBe(4096);
  });

  it('keeps exchanges on their way up to the window (counted on the wire), leaves their items out, and waits for the oldest answer beyond it', async () => {
    const pipeline = new ExchangePipeline();
    const answers = [deferred(), deferred(), deferred()];
    const settled: number[] = [];
    let started = 0;
    const run = (i: number) => () => {
      started++;
      return answers[i]!.promise;
    };
    await pipeline.launch(plan([1, 2], 300), run(0), () => settled.push(0));
    await pipeline.launch(plan([3, 4], 300), run(1), () => settled.push(1));
    expect(started).toBe(2);
    expect([...pipeline.seqs].sort()).toEqual([1, 2, 3, 4]);
    // 1200 B on the wire already: the next waits for an answer and starts nothing (the engine plans afresh).
    const waiting = pipeline.launch(plan([5], 300), run(2), () => settled.push(2));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toBe(2);
    answers[0]!.resolve();
    await waiting;
    expect(started).toBe(2);
    expect(settled).toEqual([0]);
    expect([...pipeline.seqs].sort()).toEqual([3, 4]);
    // Deflated to a quarter on the wire, four times as much may be on its way.
    await pipeline.launch(plan([5, 6, 7], 300), run(2), () => settled.push(2), 0.25);
    expect(started).toBe(3);
    answers[1]!.resolve();
    answers[2]!.resolve();
    await pipeline.close();
    expect(pipeline.busy).toBe(false);
    expect(settled.sort()).toEqual([0, 1, 2]);
  });
});
