import { describe, expect, it } from 'vitest';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';

type Events = { tick: [n: number] };

describe('SafeEmitter', () => {
  it('calls every listener even when one throws, and reports the throw', () => {
    const reported: Array<[string, unknown]> = [];
    const emitter = new SafeEmitter<Events>((event, error) => reported.push([event, error]));
    const seen: number[] = [];
    emitter.on('tick', (n) => seen.push(n));
    emitter.on('tick', () => {
      throw new Error('faulty subscriber');
    });
    emitter.on('tick', (n) => seen.push(n * 10));
    expect(emitter.safeEmit('tick', 2)).toBe(true);
    expect(seen).toEqual([2, 20]);
    expect(reported).toEqual([['tick', new Error('faulty subscriber')]]);
  });

  it('honours once listeners and says whether anyone listened', () => {
    const emitter = new SafeEmitter<Events>();
    const seen: number[] = [];
    emitter.once('tick', (n) => seen.push(n));
    emitter.safeEmit('tick', 1);
    expect(emitter.safeEmit('tick', 2)).toBe(false);
    expect(seen).toEqual([1]);
  });

  it('lets generic callers subscribe with listen()', () => {
    const emitter = new SafeEmitter<Events>();
    const seen: number[] = [];
    const subscribe = <K extends keyof Events>(event: K, listener: (...args: Events[K]) => void) => emitter.listen(event, listener);
    subscribe('tick', (n) => seen.push(n));
    emitter.safeEmit('tick', 7);
    expect(seen).toEqual([7]);
  });
});
