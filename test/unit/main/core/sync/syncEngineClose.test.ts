import { describe, expect, it } from 'vitest';
import { useSyncEngineRig } from '../../../../support/syncEngineRig';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('SyncEngine.close() (scripted center)', () => {
  const rig = useSyncEngineRig();

  it('returns the same promise when called twice, closes the client once, and sends nothing after', async () => {
    const { engine, center } = rig();
    engine.start();
    await center.waitForCalls(2);
    const first = engine.close();
    const second = engine.close();
    expect(second).toBe(first);
    await first;
    expect(center.closed).toBe(1);
    engine.wake();
    engine.start();
    await settle();
    expect(center.describe()).toBe('hello@5g exchange@5g[]');
    expect(center.closed).toBe(1);
  });

  it('works before start(): no request, and start() afterwards does nothing', async () => {
    const { engine, center } = rig();
    await engine.close();
    engine.start();
    await settle();
    expect(center.calls).toHaveLength(0);
    expect(center.closed).toBe(1);
  });

  it('stops the exchange in flight and waits for it; the item stays queued', async () => {
    const { engine, center, message, outbox } = rig();
    center.when((call) => (call.method === 'exchange' ? { until: new Promise<void>(() => undefined) } : undefined));
    const seq = message('fuel at 60 %');
    engine.start();
    await center.waitForCalls(2);
    await engine.close();
    expect(center.describe()).toBe(`hello@5g exchange@5g[${seq}]!`);
    expect(outbox(seq).state).toBe('queued');
    expect(center.closed).toBe(1);
  });
});
