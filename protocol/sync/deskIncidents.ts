import { z } from 'zod';
import { optionalVia } from './deskVia';
import { Uuid } from './ids';
import { IncidentCategory, IncidentHeader, IncidentLevel, IncidentStatus, ReportBody, ReportStage } from './incidents';

/**
 * The desk's view of incidents and their report chains (`/desk/v1/incidents`, JSON, staff
 * token). An incident is a vehicle's (opened by its 初报) or the center's own (opened by
 * staff, e.g. from a phone call; `vehicleId` null). Reports arrive in any order over
 * different links; the center keeps every one and says what its chain still lacks.
 */

export const DESK_INCIDENT_PATHS = {
  /** List (GET, filters below) and open one at the center (POST). `/<id>` one incident with its chain; `/<id>/followup-request`. */
  incidents: '/desk/v1/incidents',
  /** `/<id>/ack`: 签收 of one report. */
  reports: '/desk/v1/reports',
} as const;

/** The first report's deadline: met, late (reached late, or not yet and past due), running, or unknown (no header yet: no level, no time). */
export const DeskDeadline = z
  .object({
    state: z.enum(['met', 'late', 'running', 'unknown']),
    /** When the 初报 had to reach the center, ms; null while unknown. */
    due: z.number().int().nullable(),
    /** Time left (positive) or how late (negative), ms: to the 初报's arrival once it came, else to now. */
    msLeft: z.number().int().nullable(),
  })
  .strict();
export type DeskDeadline = z.infer<typeof DeskDeadline>;

/** What the chain lacks so far (reports travel over different links, so a 续报 may come before its 初报). */
export const DeskChainState = z
  .object({
    /** Every report from the 初报 to the newest, with no number missing. */
    complete: z.boolean(),
    missingFirst: z.boolean(),
    /** 续报 numbers below the highest received that have not arrived. */
    missingFollowups: z.array(z.number().int()),
    hasFinal: z.boolean(),
  })
  .strict();
export type DeskChainState = z.infer<typeof DeskChainState>;

/** A photo, clip or file of a report: its thumbnail (when the vehicle made one) and the original, each with a URL once it is complete at the center. */
export const DeskReportFile = z
  .object({
    vehicleId: z.string(),
    /** The original's attachment id. */
    attachmentId: z.string(),
    name: z.string().nullable(),
    mime: z.string().nullable(),
    size: z.number().int().nullable(),
    /** Inline URL of the thumbnail, once it arrived. */
    thumbnailUrl: z.string().nullable(),
    /** Inline URL of the original, once it arrived. */
    originalUrl: z.string().nullable(),
    /** The original as a download (Content-Disposition: attachment). */
    downloadUrl: z.string().nullable(),
  })
  .strict();
export type DeskReportFile = z.infer<typeof DeskReportFile>;

/** One incident as the list shows it. */
export const DeskIncident = z
  .object({
    id: z.string(),
    /** The vehicle whose report opened it; null for one opened at the center. */
    vehicleId: z.string().nullable(),
    vehicleName: z.string().nullable(),
    /** The staff member who opened it at the center. */
    openedBy: z.string().nullable(),
    /** Null while no report with the header has arrived (a 续报 came first). */
    header: IncidentHeader.nullable(),
    status: IncidentStatus,
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    /** When its 初报 reached the center (for one opened at the center: when it was opened). */
    firstReportAt: z.number().int().nullable(),
    reportCount: z.number().int(),
    lastReportAt: z.number().int().nullable(),
    /** Reports not yet receipted (签收). */
    unacked: z.number().int(),
    deadline: DeskDeadline,
    chain: DeskChainState,
    /** The newest photo (thumbnail or original), for the list. */
    photo: DeskReportFile.nullable(),
    /** Orders sent about it. */
    orderCount: z.number().int(),
  })
  .strict();
export type DeskIncident = z.infer<typeof DeskIncident>;

export const DeskReport = z
  .object({
    id: z.string(),
    vehicleId: z.string(),
    vehicleName: z.string(),
    stage: ReportStage,
    number: z.number().int(),
    body: ReportBody,
    createdAt: z.number().int(),
    receivedAt: z.number().int(),
    ackedAt: z.number().int().nullable(),
    ackedBy: z.string().nullable(),
    files: z.array(DeskReportFile),
    /** The path the report first came by (deskVia.ts). */
    via: optionalVia,
  })
  .strict();
export type DeskReport = z.infer<typeof DeskReport>;

/** One incident with its chain, oldest report first (初报, 续报 1, 2, …, 终报), and staff's note when opened at the center. */
export const DeskIncidentDetail = z.object({ incident: DeskIncident, note: z.string().nullable(), reports: z.array(DeskReport) }).strict();
export type DeskIncidentDetail = z.infer<typeof DeskIncidentDetail>;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `GET /desk/v1/incidents?vehicleId=&category=&level=&status=&late=&limit=`, newest first. */
export const DeskIncidentsQuery = z
  .object({
    vehicleId: z.string().min(1).max(64).optional(),
    category: IncidentCategory.optional(),
    level: IncidentLevel.optional(),
    status: IncidentStatus.optional(),
    late: Flag.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type DeskIncidentsQuery = z.infer<typeof DeskIncidentsQuery>;

export const DeskIncidentsResponse = z.object({ incidents: z.array(DeskIncident) }).strict();
export type DeskIncidentsResponse = z.infer<typeof DeskIncidentsResponse>;

/** Staff open an incident themselves (from a phone call): its header and what the caller said. */
export const IncidentOpenRequest = z.object({ header: IncidentHeader, note: z.string().trim().min(1).max(2000).optional() }).strict();
export type IncidentOpenRequest = z.infer<typeof IncidentOpenRequest>;

/** `POST /desk/v1/incidents/<id>/followup-request`: what the crew should report next. */
export const FollowupRequestCompose = z.object({ text: z.string().trim().min(1).max(500) }).strict();
export type FollowupRequestCompose = z.infer<typeof FollowupRequestCompose>;

export const DeskIncidentAnswer = z.object({ incident: DeskIncident }).strict();
export const DeskReportAnswer = z.object({ report: DeskReport }).strict();
export const FollowupQueuedAnswer = z
  .object({ queued: z.array(z.object({ vehicleId: z.string(), seq: z.number().int(), id: z.string() }).strict()) })
  .strict();

export { Uuid as IncidentId };

/** Where the desk fetches a vehicle's attachment: inline (shown in the page, images and clips) or as a download. */
export function deskAttachmentUrl(vehicleId: string, attachmentId: string, inline: boolean): string {
  return `/desk/v1/vehicles/${encodeURIComponent(vehicleId)}/attachments/${encodeURIComponent(attachmentId)}${inline ? '/inline' : ''}`;
}
