import type { DeskChainState, DeskDeadline } from '../../protocol/sync/deskIncidents';
import {
  firstReportDeadline,
  firstReportDue,
  type FirstReportDeadlines,
  type IncidentLevel,
  type ReportStage,
} from '../../protocol/sync/incidents';

/**
 * How the desk sees an incident's chain and its first-report deadline. Pure, so the rules
 * are tested without a database.
 *
 * Out-of-order arrival: the vehicle checks the chain rules (`reportChainError`) when it
 * writes a report, so what it sends is a valid chain; reports then travel by priority over
 * whatever links are up, so a 续报 (routine) may overtake its 初报 (held back by a slow
 * link, or sent over Iridium while the 续报 went over cellular). The center never refuses
 * a report for its place in the chain — refusing would lose it, since the vehicle parks a
 * refused item for good — it stores every one and reports what the chain still lacks.
 */
export function chainState(stages: ReadonlyArray<{ stage: ReportStage; number: number }>): DeskChainState {
  const missingFirst = !stages.some((s) => s.stage === 'first');
  const followups = new Set(stages.filter((s) => s.stage === 'followup').map((s) => s.number));
  const highest = Math.max(0, ...followups);
  const missingFollowups: number[] = [];
  for (let n = 1; n < highest; n++) if (!followups.has(n)) missingFollowups.push(n);
  return {
    complete: !missingFirst && missingFollowups.length === 0,
    missingFirst,
    missingFollowups,
    hasFinal: stages.some((s) => s.stage === 'final'),
  };
}

/**
 * The first report's deadline as the desk shows it: due per level from when the incident
 * happened; met or late by when the 初报 reached the center, or running/late against `now`
 * while it has not. Unknown while no report with the header (level, time) has arrived.
 */
export function incidentDeadline(
  header: { level: IncidentLevel; occurredAt: number } | null,
  firstReportAt: number | null,
  now: number,
  deadlines: FirstReportDeadlines,
): DeskDeadline {
  if (!header) return { state: 'unknown', due: null, msLeft: null };
  const due = firstReportDue(header.level, header.occurredAt, deadlines);
  const { state, msLeft } = firstReportDeadline(due, firstReportAt, now);
  return { state, due, msLeft };
}
