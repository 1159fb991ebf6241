import { z } from 'zod';
import { FileName, MimeType } from '../sync/fileText';
import { Timestamp } from '../common';
import { Casualties, FirstReportDeadlines, IncidentHeader, IncidentStatus, ReportBody, ReportStage } from '../sync/incidents';
import { Priority, Uuid } from '../sync/items';
import { Delivery } from './messaging';

/**
 * The console API of incidents and their reports (初报/续报/终报), and of the files a report
 * carries (sent from the renderer in chunks; a photo gets a thumbnail that travels first).
 * Spread into `coreMethods` / `coreEvents`.
 */

/** A file's upload and its item's delivery, for a report's photo or its thumbnail. */
export const ReportFileState = z.object({
  id: Uuid,
  size: z.number().int(),
  priority: Priority.nullable(),
  /** Bytes the center confirmed holding. */
  confirmed: z.number().int(),
  complete: z.boolean(),
  delivery: Delivery.nullable(),
});
export type ReportFileState = z.infer<typeof ReportFileState>;

export const ReportFileView = z.object({
  id: Uuid,
  name: z.string(),
  mime: z.string(),
  original: ReportFileState,
  thumbnail: ReportFileState.nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type ReportFileView = z.infer<typeof ReportFileView>;

export const ReportView = z.object({
  id: Uuid,
  incidentId: Uuid,
  stage: ReportStage,
  number: z.number().int(),
  priority: Priority,
  body: ReportBody,
  createdAt: Timestamp,
  delivery: Delivery,
  /** 已签收: when the center receipted it, and who. */
  ackedAt: Timestamp.nullable(),
  ackedBy: z.string().nullable(),
  files: z.array(ReportFileView),
});
export type ReportView = z.infer<typeof ReportView>;

export const DeadlineView = z.object({
  /** When the first report must reach the center (ms). */
  due: Timestamp,
  state: z.enum(['met', 'late', 'running']),
  msLeft: z.number().int(),
  /** When the first report reached the center (its delivery), if it did. */
  reachedAt: Timestamp.nullable(),
});
export type DeadlineView = z.infer<typeof DeadlineView>;

export const FollowupRequestView = z.object({
  id: Uuid,
  incidentId: Uuid,
  /** The incident's title, when this vehicle holds it. */
  incidentTitle: z.string().nullable(),
  from: z.string(),
  text: z.string(),
  receivedAt: Timestamp,
  answeredAt: Timestamp.nullable(),
  dismissedAt: Timestamp.nullable(),
});
export type FollowupRequestView = z.infer<typeof FollowupRequestView>;

export const IncidentSummary = z.object({
  id: Uuid,
  header: IncidentHeader,
  status: IncidentStatus,
  openedAt: Timestamp,
  closedAt: Timestamp.nullable(),
  deadline: DeadlineView,
  reports: z.number().int(),
  /** Reports the center receipted (已签收). */
  acked: z.number().int(),
  /** Reports not yet delivered to the center. */
  waiting: z.number().int(),
  lastReportAt: Timestamp,
  /** Open follow-up requests from the center. */
  followupsAsked: z.number().int(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const IncidentDetail = IncidentSummary.extend({
  chain: z.array(ReportView),
  followups: z.array(FollowupRequestView),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

/** A file the renderer sent, kept untouched with its SHA-256 and waiting for a report to carry it. */
export const StagedFileView = z.object({
  id: Uuid,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  thumbnail: z.object({ id: Uuid, size: z.number().int(), width: z.number().int(), height: z.number().int() }).nullable(),
  /** Where the photo was taken (EXIF GPS), offered as the incident's place. */
  gps: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
});
export type StagedFileView = z.infer<typeof StagedFileView>;

/** A file a report carries, and how urgent its full copy is (its thumbnail goes at `priority`). */
export const ReportFileChoice = z.object({ id: Uuid, priority: Priority.default('bulk') }).strict();

const Field = z.string().trim().min(1).max(1000);
const ReportFields = {
  text: z.string().trim().min(1).max(2000),
  casualties: Casualties.optional(),
  cause: Field.optional(),
  impact: Field.optional(),
  measures: Field.optional(),
  help: Field.optional(),
  nextSteps: Field.optional(),
  reporterName: z.string().trim().min(1).max(50).optional(),
  reporterPhone: z.string().trim().min(1).max(30).optional(),
  files: z.array(ReportFileChoice).max(20).default([]),
  /** The report's own priority; default: the first report's by level, a follow-up or final report `immediate`. */
  priority: Priority.optional(),
};

export const CreateIncidentParams = z.object({ header: IncidentHeader, ...ReportFields }).strict();
export type CreateIncidentParams = z.infer<typeof CreateIncidentParams>;

export const AddReportParams = z.object({ incidentId: Uuid, stage: z.enum(['followup', 'final']), ...ReportFields }).strict();
export type AddReportParams = z.infer<typeof AddReportParams>;

/** Largest chunk in one call, as base64 (the WebSocket bridge takes frames up to 1 MiB). */
export const MAX_FILE_CHUNK_BASE64 = 900_000;
/** Largest file a report takes from the renderer (a clip of a few minutes). */
export const MAX_REPORT_FILE_BYTES = 512 * 1024 ** 2;

export const FileStartParams = z
  .object({
    name: z.string().trim().pipe(FileName),
    mime: MimeType,
    size: z.number().int().min(1).max(MAX_REPORT_FILE_BYTES),
  })
  .strict();
export const FileAppendParams = z
  .object({
    id: Uuid,
    /** 0, 1, 2, … in order; a repeat is taken once. */
    seq: z.number().int().min(0).max(1_000_000),
    data: z
      .string()
      .max(MAX_FILE_CHUNK_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  })
  .strict();

export const SendEstimate = z.object({
  /** Seconds on the link carrying this priority now, at its budget; null when no link carries it. */
  seconds: z.number().nullable(),
  linkId: z.string().nullable(),
});
export type SendEstimate = z.infer<typeof SendEstimate>;

const IdParam = z.object({ id: Uuid }).strict();

export const incidentMethods = {
  /** The vehicle's incidents, newest first, with their first-report deadline. */
  'incidents.list': {
    params: z.object({ status: IncidentStatus.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    result: z.array(IncidentSummary),
  },
  'incidents.get': { params: IdParam, result: IncidentDetail },
  /** Opens an incident with its 初报 (and the files' items: thumbnails first), queued at once. */
  'incidents.create': { params: CreateIncidentParams, result: IncidentDetail },
  /** 续报 (numbered by the core) or 终报 (closes the incident); CONFLICT when the chain does not allow it. */
  'reports.add': { params: AddReportParams, result: IncidentDetail },
  /** The first-report deadlines in force, minutes per level. */
  'incidents.deadlines': { params: z.object({}).strict(), result: FirstReportDeadlines },
  /** Follow-up requests from the center not yet answered or dismissed: the alert. */
  'incidents.followups': { params: z.object({}).strict(), result: z.array(FollowupRequestView) },
  'incidents.dismissFollowup': { params: IdParam, result: FollowupRequestView },
  /** How long these would take on the links that carry their priorities now. */
  'incidents.sendEstimate': {
    params: z
      .object({
        items: z
          .array(z.object({ bytes: z.number().int().min(0), priority: Priority }).strict())
          .min(1)
          .max(40),
      })
      .strict(),
    result: z.array(SendEstimate),
  },
  /** A file for a report from the renderer: start, chunks in order, finish → staged (thumbnail made for a photo). */
  'files.start': { params: FileStartParams, result: z.object({ id: Uuid }) },
  'files.append': { params: FileAppendParams, result: z.object({ bytes: z.number().int() }) },
  'files.finish': { params: IdParam, result: StagedFileView },
  /** A report file's thumbnail (or the file itself when small) to show, as base64. */
  'files.preview': { params: IdParam, result: z.object({ mime: z.string(), data: z.string() }).nullable() },
} as const;

export const incidentEvents = {
  /** Incidents whose reports, delivery, receipts or follow-up requests changed (their ids). */
  'incidents.changed': z.array(Uuid),
} as const;
