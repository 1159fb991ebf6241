import type { TFunction } from 'i18next';
import type { DeskDeadline, DeskIncident } from '../../../protocol/sync/deskIncidents';
import type { ReportStage } from '../../../protocol/sync/incidents';
import { clockText } from '../deskTime';

/** Texts shared by the incident list and page: the stage of a report, the deadline, what the chain lacks. */

/** 初报 / 续报 n / 终报 in the desk's language. */
export function stageText(t: TFunction, stage: ReportStage, number: number): string {
  return stage === 'followup' ? t('desk.incidents.stage.followup', { number }) : t(`desk.incidents.stage.${stage}`);
}

/** The first report's deadline in words, saying why: met (in time), late by how much, time left, or unknown and why. */
export function deadlineText(
  t: TFunction,
  length: (ms: number) => string,
  deadline: DeskDeadline,
  firstReportAt: number | null,
  now: number,
): string {
  if (deadline.state === 'unknown' || deadline.due === null || deadline.msLeft === null) return t('desk.incidents.deadline.unknown');
  const time = clockText(deadline.due, now);
  if (deadline.state === 'met') return t('desk.incidents.deadline.met', { time });
  if (deadline.state === 'running') return t('desk.incidents.deadline.running', { span: length(deadline.msLeft), time });
  return firstReportAt === null
    ? t('desk.incidents.deadline.overdue', { span: length(-deadline.msLeft), time })
    : t('desk.incidents.deadline.late', { span: length(-deadline.msLeft), time });
}

/** What the chain still lacks, or null when nothing. */
export function chainText(t: TFunction, incident: DeskIncident): string | null {
  const { chain } = incident;
  if (chain.complete || (incident.vehicleId === null && incident.reportCount === 0)) return null;
  const parts: string[] = [];
  if (chain.missingFirst) parts.push(t('desk.incidents.chain.missingFirst'));
  if (chain.missingFollowups.length > 0)
    parts.push(t('desk.incidents.chain.missingFollowups', { numbers: chain.missingFollowups.join(', ') }));
  return t('desk.incidents.chain.incomplete', { what: parts.join(t('desk.incidents.chain.separator')) });
}

export function levelText(t: TFunction, level: string): string {
  return t(`desk.incidents.level.${level}`);
}

export function typeText(t: TFunction, type: string): string {
  return t(`desk.incidents.type.${type}`, { defaultValue: type });
}
