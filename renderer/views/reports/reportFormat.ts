import type { DeadlineView, ReportView } from '../../../protocol/api/incidents';
import type { IncidentLevel } from '../../../protocol/sync/incidents';

/** "Ⅲ" for a level, "—" when not assessed. */
export const LEVEL_NUMERAL: Record<IncidentLevel, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', unassessed: '—' };

/** Whole minutes left (positive) or over (negative), rounded away from the deadline so "0 min" never reads as late. */
export function deadlineMinutes(deadline: DeadlineView): number {
  return deadline.msLeft >= 0 ? Math.floor(deadline.msLeft / 60_000) : -Math.ceil(-deadline.msLeft / 60_000);
}

/** "1 h 05 min" / "35 min" for a duration in minutes (absolute). */
export function formatMinutes(minutes: number): string {
  const m = Math.abs(minutes);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min` : `${m} min`;
}

/** "12 s", "3 min 20 s", "1 h 10 min": the time a file takes on the link. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** The key of a report's stage label: 初报, 续报 n, 终报. */
export function stageKey(report: Pick<ReportView, 'stage'>): string {
  return `reports.stage.${report.stage}`;
}
