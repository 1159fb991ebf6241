import { afterEach, describe, expect, it, vi } from 'vitest';
import { CommandQueue, type QueuedCommand } from '../../../../native/device/CommandQueue';
import { DeviceClosedError, DeviceTimeoutError } from '../../../../native/device/deviceErrors';

/** A queue whose device is the test: `sent` collects the labels transmitted. */
function setup(options: { resyncMs?: number; resyncMaxMs?: number; resyncAfterTimeout?: boolean; failWrite?: boolean } = {}) {
  const sent: string[] = [];
  const queue = new CommandQueue<QueuedCommand, string>({
    transmit: (command) => {
      if (options.failWrite) throw new Error('port is not open');
      sent.push(command.label);
    },
    ...options,
  });
  const command = (label: string, timeoutMs = 100): QueuedCommand => ({ label, timeoutMs });
  return { queue, sent, command };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('CommandQueue', () => {
  it('sends one command at a time, the next only once the first is answered', async () => {
    const { queue, sent, command } = setup();
    const a = queue.enqueue(command('A'));
    const b = queue.enqueue(command('B'));
    expect(sent).toEqual(['A']);
    expect(queue.pending).toBe(2);
    expect(queue.active?.label).toBe('A');
    queue.resolve('answer A');
    await expect(a).resolves.toBe('answer A');
    expect(sent).toEqual(['A', 'B']);
    queue.reject(new Error('B failed'));
    await expect(b).rejects.toThrow('B failed');
    expect(queue.pending).toBe(0);
  });

  it('rejects a silent command with DeviceTimeoutError naming it, then sends the next', async () => {
    vi.useFakeTimers();
    const { queue, sent, command } = setup();
    const silent = queue.enqueue(command('SILENT', 100));
    const next = queue.enqueue(command('NEXT'));
    const timedOut = expect(silent).rejects.toMatchObject({ name: 'DeviceTimeoutError', timeout: true, command: 'SILENT' });
    await vi.advanceTimersByTimeAsync(101);
    await timedOut;
    expect(sent).toEqual(['SILENT', 'NEXT']);
    queue.resolve('ok');
    await expect(next).resolves.toBe('ok');
  });

  it('after a timeout, holds the next command until the line has been quiet for resyncMs', async () => {
    vi.useFakeTimers();
    const { queue, sent, command } = setup({ resyncMs: 50, resyncMaxMs: 1000 });
    const silent = queue.enqueue(command('SILENT', 100));
    const timedOut = expect(silent).rejects.toBeInstanceOf(DeviceTimeoutError);
    await vi.advanceTimersByTimeAsync(101);
    await timedOut;
    void queue.enqueue(command('NEXT')).catch(() => {});
    expect(queue.draining).toBe(true);
    await vi.advanceTimersByTimeAsync(40);
    queue.noteIdleLine(); // a late answer line: the wait starts again
    await vi.advanceTimersByTimeAsync(40);
    expect(sent).toEqual(['SILENT']);
    await vi.advanceTimersByTimeAsync(20);
    expect(sent).toEqual(['SILENT', 'NEXT']);
    queue.reset('done');
  });

  it('does not resync after a timeout when told not to', async () => {
    vi.useFakeTimers();
    const { queue, sent, command } = setup({ resyncMs: 50, resyncAfterTimeout: false });
    const silent = queue.enqueue(command('SILENT', 100));
    void queue.enqueue(command('NEXT')).catch(() => {});
    const timedOut = expect(silent).rejects.toBeInstanceOf(DeviceTimeoutError);
    await vi.advanceTimersByTimeAsync(101);
    await timedOut;
    expect(sent).toEqual(['SILENT', 'NEXT']);
    queue.reset('done');
  });

  it('reset() rejects the running and the queued commands with DeviceClosedError', async () => {
    const { queue, command } = setup();
    const a = queue.enqueue(command('A'));
    const b = queue.enqueue(command('B'));
    queue.reset('port closed');
    await expect(a).rejects.toBeInstanceOf(DeviceClosedError);
    await expect(b).rejects.toThrow('B: port closed');
    expect(queue.pending).toBe(0);
  });

  it('rejects a command whose write throws with that error', async () => {
    const { queue, command } = setup({ failWrite: true });
    await expect(queue.enqueue(command('A'))).rejects.toThrow('port is not open');
    expect(queue.pending).toBe(0);
  });

  it('retransmit() sends the active command again with a fresh timeout; holdTimeout() stops it meanwhile', async () => {
    vi.useFakeTimers();
    const { queue, sent, command } = setup();
    const a = queue.enqueue(command('A', 100));
    await vi.advanceTimersByTimeAsync(80);
    queue.holdTimeout();
    await vi.advanceTimersByTimeAsync(500);
    expect(queue.active?.label).toBe('A');
    queue.retransmit();
    expect(sent).toEqual(['A', 'A']);
    const timedOut = expect(a).rejects.toBeInstanceOf(DeviceTimeoutError);
    await vi.advanceTimersByTimeAsync(101);
    await timedOut;
  });
});
