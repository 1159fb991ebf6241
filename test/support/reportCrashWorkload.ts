import type { IncidentDetail, IncidentSummary } from '../../protocol/api/incidents';
import type { IncidentHeader } from '../../protocol/sync/incidents';
import type { CommandRoomWorkload } from './crashWorkload';
import type { ApiSocket } from './wsClient';

/**
 * The incident reports' side of the crash test (syncCrash.test.ts): each round the crew files
 * a first report (a new incident) and a follow-up on the previous round's incident, confirmed
 * by the API, then fires one more first report without waiting for the answer just before the
 * console is killed. `problems()` then checks that every report the console holds reached the
 * center exactly once, and nothing else did.
 */

export interface ReportFigures {
  confirmedFirst: number;
  confirmedFollowups: number;
  /** First reports fired just before a kill that the console kept. */
  unconfirmedKept: number;
}

export interface ReportProblems {
  /** Report ids the center holds more than once. */
  doubled: string[];
  /** Reports the API confirmed, or the console holds, that the center does not. */
  lost: string[];
  /** Reports the center holds that the console never wrote. */
  strange: string[];
  /** Follow-ups the center holds whose number is not their place in the chain. */
  badNumbers: string[];
}

const header = (round: number, at: number): IncidentHeader => ({
  category: 'natural',
  type: 'flood',
  level: round % 3 === 0 ? 'II' : 'IV',
  title: `round ${round} 河堤管涌`,
  latitude: 34.75,
  longitude: 113.62,
  occurredAt: at,
});

export class ReportWorkload {
  readonly figures: ReportFigures = { confirmedFirst: 0, confirmedFollowups: 0, unconfirmedKept: 0 };
  /** Report ids the API confirmed. */
  readonly confirmed = new Set<string>();
  #lastIncident: string | undefined;
  #call = 9000;

  /** The crew's reports of a round: a new incident's 初报 and a 续报 on the one before, both confirmed. */
  async round(api: ApiSocket, round: number): Promise<void> {
    const created = await api.call('incidents.create', { header: header(round, Date.now()), text: `round ${round} 初报：北岸管涌两处` });
    if (!created.ok) throw new Error(`incidents.create: ${created.error.code} ${created.error.message}`);
    const incident = created.value as IncidentDetail;
    this.confirmed.add(incident.chain[0]!.id);
    this.figures.confirmedFirst++;
    if (this.#lastIncident) {
      const added = await api.call('reports.add', {
        incidentId: this.#lastIncident,
        stage: 'followup',
        text: `round ${round} 续报：险情已控制`,
      });
      if (!added.ok) throw new Error(`reports.add: ${added.error.code} ${added.error.message}`);
      const chain = (added.value as IncidentDetail).chain;
      this.confirmed.add(chain.at(-1)!.id);
      this.figures.confirmedFollowups++;
    }
    this.#lastIncident = incident.id;
  }

  /** A first report sent without waiting for the answer: the console is about to be killed; it may or may not keep it. */
  fireUnconfirmed(api: ApiSocket, round: number): void {
    const params = { header: header(round, Date.now()), text: `round ${round} unconfirmed 初报` };
    api.socket.send(JSON.stringify({ type: 'call', id: this.#call++, method: 'incidents.create', params }));
  }

  /** Every report the console holds (after the last, undisturbed run), by id with its stage and number. */
  async #held(api: ApiSocket): Promise<Map<string, { stage: string; number: number }>> {
    const list = await api.call('incidents.list', { limit: 1000 });
    if (!list.ok) throw new Error(`incidents.list: ${list.error.code} ${list.error.message}`);
    const held = new Map<string, { stage: string; number: number }>();
    for (const summary of list.value as IncidentSummary[]) {
      const detail = await api.call('incidents.get', { id: summary.id });
      if (!detail.ok) throw new Error(`incidents.get: ${detail.error.code} ${detail.error.message}`);
      for (const report of (detail.value as IncidentDetail).chain) held.set(report.id, { stage: report.stage, number: report.number });
    }
    return held;
  }

  async problems(api: ApiSocket, room: CommandRoomWorkload): Promise<ReportProblems> {
    const held = await this.#held(api);
    const problems: ReportProblems = { doubled: [], lost: [], strange: [], badNumbers: [] };
    const counts = new Map<string, number>();
    for (const item of await room.deskItems('report')) {
      counts.set(item.id, (counts.get(item.id) ?? 0) + 1);
      const mine = held.get(item.id);
      if (!mine) problems.strange.push(item.id);
      else if (item.body.stage !== mine.stage || item.body.number !== mine.number)
        problems.badNumbers.push(
          `${item.id}: ${String(item.body.stage)} ${String(item.body.number)} at the center, ${mine.stage} ${mine.number} here`,
        );
    }
    for (const [id, n] of counts) if (n > 1) problems.doubled.push(`${id} ×${n}`);
    for (const id of new Set([...this.confirmed, ...held.keys()])) if (!counts.has(id)) problems.lost.push(id);
    this.figures.unconfirmedKept = held.size - this.confirmed.size;
    return problems;
  }
}
