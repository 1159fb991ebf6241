import type { DutyEntryView } from '../../protocol/api/duty';
import type { CommandRoomWorkload } from './crashWorkload';
import type { ApiSocket } from './wsClient';

/**
 * The duty log's side of the crash test (syncCrash.test.ts): each round the crew writes a log
 * entry, confirmed by the API, and fires one more without waiting just before the console is
 * killed; meanwhile the console writes its own entries (orders in, reports delivered, …).
 * `problems()` then checks that every entry the console holds, written or automatic, reached
 * the center exactly once as a `duty` item under its own id, and nothing else did.
 */

export interface DutyProblems {
  /** Entry ids the center holds more than once. */
  doubled: string[];
  /** Entries the API confirmed, or the console holds, that the center does not. */
  lost: string[];
  /** Entries the center holds that the console never wrote. */
  strange: string[];
}

export class DutyWorkload {
  /** Written entries the API confirmed. */
  readonly confirmed = new Set<string>();
  /** Entries the console holds at the end: written (confirmed or fired as it died) and automatic. */
  readonly held = { written: 0, automatic: 0 };
  #call = 9500;

  async round(api: ApiSocket, round: number): Promise<void> {
    const added = await api.call('duty.addEntry', { text: `round ${round} 巡堤完毕，未见异常`, by: '李明' });
    if (!added.ok) throw new Error(`duty.addEntry: ${added.error.code} ${added.error.message}`);
    this.confirmed.add((added.value as DutyEntryView).id);
  }

  /** An entry written without waiting for the answer: the console is about to be killed; it may or may not keep it. */
  fireUnconfirmed(api: ApiSocket, round: number): void {
    const params = { text: `round ${round} unconfirmed 值班记录` };
    api.socket.send(JSON.stringify({ type: 'call', id: this.#call++, method: 'duty.addEntry', params }));
  }

  async problems(api: ApiSocket, room: CommandRoomWorkload): Promise<DutyProblems> {
    const log = await api.call('duty.log', { limit: 2000 });
    if (!log.ok) throw new Error(`duty.log: ${log.error.code} ${log.error.message}`);
    const entries = log.value as DutyEntryView[];
    this.held.written = entries.filter((e) => !e.auto).length;
    this.held.automatic = entries.length - this.held.written;
    const counts = new Map<string, number>();
    for (const item of await room.deskItems('duty')) if (item.body.type === 'entry') counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
    const mine = new Set(entries.map((e) => e.id));
    return {
      doubled: [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`),
      lost: [...new Set([...this.confirmed, ...mine])].filter((id) => !counts.has(id)),
      strange: [...counts.keys()].filter((id) => !mine.has(id)),
    };
  }
}
