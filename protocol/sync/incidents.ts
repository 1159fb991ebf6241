import { z } from 'zod';
import { Uuid } from './ids';

/**
 * Incidents and their report chain, in the shape Chinese emergency management uses
 * (事件信息报送: 初报 → 续报一、二… → 终报; four categories, four levels). The chain rules
 * (`reportChainError`) are checked where a report is written and where it is received.
 */

/** 自然灾害 / 事故灾难 / 公共卫生事件 / 社会安全事件. */
export const IncidentCategory = z.enum(['natural', 'accident', 'health', 'social']);
export type IncidentCategory = z.infer<typeof IncidentCategory>;

/** Ⅰ 特别重大 … Ⅳ 一般, or not assessed yet. */
export const IncidentLevel = z.enum(['I', 'II', 'III', 'IV', 'unassessed']);
export type IncidentLevel = z.infer<typeof IncidentLevel>;

/** The usual types within each category (the form offers these; any short text is accepted). */
export const INCIDENT_TYPES: Readonly<Record<IncidentCategory, readonly string[]>> = {
  natural: ['flood', 'drought', 'weather', 'earthquake', 'geological', 'marine', 'biological', 'forest-fire'],
  accident: ['industrial', 'traffic', 'public-facility', 'nuclear', 'pollution'],
  health: ['epidemic', 'unknown-disease', 'food-safety', 'animal-epidemic'],
  social: ['terrorism', 'ethnic-religious', 'economic', 'foreign', 'mass-incident'],
};

export const IncidentStatus = z.enum(['open', 'closed']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** 初报, 续报 n, 终报. */
export const ReportStage = z.enum(['first', 'followup', 'final']);
export type ReportStage = z.infer<typeof ReportStage>;

const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
const Count = z.number().int().min(0).max(1_000_000);
const Field = z.string().trim().min(1).max(1000);

/** What the incident is; travels on its first report and again whenever it changes (e.g. its level is assessed). */
export const IncidentHeader = z
  .object({
    category: IncidentCategory,
    /** Within the category, e.g. `flood` (INCIDENT_TYPES), or the crew's own words. */
    type: z.string().trim().min(1).max(40),
    level: IncidentLevel,
    title: z.string().trim().min(1).max(100),
    /** The place in words (county, town, landmark). */
    placeText: z.string().trim().max(200).optional(),
    /** WGS-84, from the GNSS fix or typed in. */
    latitude: Latitude.optional(),
    longitude: Longitude.optional(),
    /** 事发时间, ms. */
    occurredAt: z.number().int().nonnegative(),
  })
  .strict()
  .refine((h) => (h.latitude === undefined) === (h.longitude === undefined), {
    message: 'give both latitude and longitude, or neither',
    path: ['longitude'],
  });
export type IncidentHeader = z.infer<typeof IncidentHeader>;

export const Casualties = z.object({ dead: Count, injured: Count, missing: Count, trapped: Count }).strict();
export type Casualties = z.infer<typeof Casualties>;

/**
 * One report of an incident's chain. `text` is what is known now (初报), the progress
 * since the last report (续报), or the summary (终报). `attachments` names the original
 * files (photos, clips) that follow as attachment items.
 */
export const ReportBody = z
  .object({
    incidentId: Uuid,
    stage: ReportStage,
    /** 续报 1, 2, …; 0 for 初报 and 终报. */
    number: z.number().int().min(0).max(999),
    incident: IncidentHeader.optional(),
    text: z.string().trim().min(1).max(2000),
    casualties: Casualties.optional(),
    cause: Field.optional(),
    impact: Field.optional(),
    /** 现场已采取的措施. */
    measures: Field.optional(),
    /** 请求事项. */
    help: Field.optional(),
    /** 终报: 下一步 (善后、重建、评估). */
    nextSteps: Field.optional(),
    reporterName: z.string().trim().min(1).max(50).optional(),
    reporterPhone: z.string().trim().min(1).max(30).optional(),
    attachments: z.array(Uuid).max(20).optional(),
  })
  .strict()
  .refine((r) => r.stage !== 'first' || r.incident !== undefined, { message: 'a first report names its incident', path: ['incident'] })
  .refine((r) => (r.stage === 'followup' ? r.number >= 1 : r.number === 0), {
    message: 'follow-ups are numbered from 1; first and final reports are 0',
    path: ['number'],
  });
export type ReportBody = z.infer<typeof ReportBody>;

/** The chain so far, oldest first: what `reportChainError` needs to know. */
export interface ChainSoFar {
  stages: ReadonlyArray<{ stage: ReportStage; number: number }>;
}

/**
 * Why this report cannot come next in its incident's chain, or undefined when it can: one
 * 初报 first, 续报 numbered 1, 2, … in order, nothing after the 终报.
 */
export function reportChainError(chain: ChainSoFar, next: { stage: ReportStage; number: number }): string | undefined {
  const hasFirst = chain.stages.some((s) => s.stage === 'first');
  if (chain.stages.some((s) => s.stage === 'final')) return 'the incident has its final report; nothing follows it';
  if (next.stage === 'first') return hasFirst ? 'the incident already has its first report' : undefined;
  if (!hasFirst) return `a ${next.stage === 'final' ? 'final report' : 'follow-up'} needs the first report before it`;
  if (next.stage === 'followup') {
    const expected = nextFollowupNumber(chain);
    if (next.number !== expected) return `the next follow-up is number ${expected}, not ${next.number}`;
  }
  return undefined;
}

export function nextFollowupNumber(chain: ChainSoFar): number {
  return chain.stages.reduce((n, s) => (s.stage === 'followup' ? Math.max(n, s.number) : n), 0) + 1;
}

/**
 * When the first report must reach the center, per level, in minutes from when the incident
 * happened. Defaults: 河南省应急管理厅 (written report: 重大 and above 35 min, 较大 1 h,
 * 一般 6 h); an unassessed incident is held to the 较大 limit until it is assessed.
 */
export const FirstReportDeadlines = z
  .object({
    I: z.number().int().min(1).max(10_080).default(35),
    II: z.number().int().min(1).max(10_080).default(35),
    III: z.number().int().min(1).max(10_080).default(60),
    IV: z.number().int().min(1).max(10_080).default(360),
    unassessed: z.number().int().min(1).max(10_080).default(60),
  })
  .strict();
export type FirstReportDeadlines = z.infer<typeof FirstReportDeadlines>;
export const DEFAULT_FIRST_REPORT_DEADLINES: FirstReportDeadlines = FirstReportDeadlines.parse({});

/** When the first report of an incident of this level, happened at `occurredAt`, is due (ms). */
export function firstReportDue(level: IncidentLevel, occurredAt: number, deadlines: FirstReportDeadlines): number {
  return occurredAt + deadlines[level] * 60_000;
}

/**
 * The deadline's state: `met` once the first report reached the center by its time, `late`
 * past it (reached late, or not yet), `running` with the time left otherwise.
 */
export function firstReportDeadline(
  due: number,
  reachedAt: number | null,
  now: number,
): { state: 'met' | 'late' | 'running'; msLeft: number } {
  if (reachedAt !== null) return { state: reachedAt <= due ? 'met' : 'late', msLeft: due - reachedAt };
  return { state: now > due ? 'late' : 'running', msLeft: due - now };
}

/** The priority a first report without attachments travels at: flash for Ⅰ/Ⅱ, immediate otherwise. */
export function firstReportPriority(level: IncidentLevel): 'flash' | 'immediate' {
  return level === 'I' || level === 'II' ? 'flash' : 'immediate';
}

/** The center's 签收 of a report (seen by the crew as 已签收). */
export const ReportAckBody = z.object({ reportId: Uuid, by: z.string().min(1).max(100) }).strict();
export type ReportAckBody = z.infer<typeof ReportAckBody>;

/** The center asks the crew for a follow-up on an incident (an alert in the vehicle). */
export const FollowupRequestBody = z
  .object({ incidentId: Uuid, from: z.string().min(1).max(100), text: z.string().trim().min(1).max(500) })
  .strict();
export type FollowupRequestBody = z.infer<typeof FollowupRequestBody>;
