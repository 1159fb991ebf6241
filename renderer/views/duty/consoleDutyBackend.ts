import type { CoreClient } from '../../api/CoreClient';
import type { DutyBackend } from '../../duty/dutyBackend';

/** The vehicle's duty, through the console core's `duty.*` methods. */
export function consoleDutyBackend(client: CoreClient): DutyBackend {
  return {
    async load() {
      const [current, entries, calls, handovers] = await Promise.all([
        client.call('duty.current', {}),
        client.call('duty.log', { limit: 500 }),
        client.call('duty.calls', { limit: 200 }),
        client.call('duty.handovers', { limit: 20 }),
      ]);
      return { shift: current.shift, names: current.names, entries, calls, handovers };
    },
    startShift: (p) => client.call('duty.startShift', p),
    endShift: () => client.call('duty.endShift', {}),
    addEntry: (p) => client.call('duty.addEntry', p),
    addCall: (p) => client.call('duty.addCall', p),
    updateCall: (p) => client.call('duty.updateCall', p),
    prefill: () => client.call('duty.handover', {}),
    signHandover: (p) => client.call('duty.signHandover', p),
  };
}
