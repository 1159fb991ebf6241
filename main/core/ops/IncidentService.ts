import type {
  AddReportParams,
  CreateIncidentParams,
  FollowupRequestView,
  IncidentDetail,
  IncidentSummary,
  SendEstimate,
} from '../../../protocol/api/incidents';
import type { LinkPolicy } from '../../../protocol/links/policy';
import {
  firstReportPriority,
  nextFollowupNumber,
  reportChainError,
  type FirstReportDeadlines,
  type ReportBody,
} from '../../../protocol/sync/incidents';
import type { Priority } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { chainOf, followupById, incidentDetail, incidentExists, listIncidents, openFollowups } from '../store/incidentsRepo';
import { dismissFollowupRequest, recordFirstReport, recordLaterReport, reportFile, type FileToSend } from '../store/reportWrites';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';
import { NotFoundError } from './MessageService';
import { ConflictError } from './orderSteps';

/** Thumbnails travel here: ahead of the originals and routine traffic, behind urgent text. */
const THUMBNAIL_PRIORITY: Priority = 'priority';

export interface IncidentServiceOptions {
  store: Store;
  deadlines: FirstReportDeadlines;
  policy: () => LinkPolicy;
  /** Told when something new waits in the outbox. */
  onOutbox: () => void;
  now?: () => number;
}

/**
 * The crew's incidents and their report chain (初报 → 续报 n → 终报). Each report is written
 * with its outbox items in one transaction (reportWrites.ts); the chain is checked before
 * anything is written (CONFLICT with the reason). Announces changed incidents by id.
 */
export class IncidentService extends SafeEmitter<{ changed: [ids: string[]] }> {
  readonly #options: IncidentServiceOptions;
  readonly #now: () => number;

  constructor(options: IncidentServiceOptions) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get deadlines(): FirstReportDeadlines {
    return this.#options.deadlines;
  }

  list(status: 'open' | 'closed' | undefined, limit: number): IncidentSummary[] {
    return this.#withStore(() => listIncidents(this.#db, status, limit, this.#options.deadlines, this.#now()));
  }

  get(id: string): IncidentDetail {
    const detail = this.#withStore(() => incidentDetail(this.#db, id, this.#options.deadlines, this.#now()));
    if (!detail) throw new NotFoundError(`no incident ${id}`);
    return detail;
  }

  /** Opens an incident with its 初报: flash for Ⅰ/Ⅱ, immediate otherwise, unless the operator chose. */
  create(params: CreateIncidentParams): IncidentDetail {
    const now = this.#now();
    const incidentId = uuidv7(now);
    const files = this.#files(params.files);
    const body = reportBody(incidentId, 'first', 0, params, files);
    body.incident = params.header;
    const priority = params.priority ?? firstReportPriority(params.header.level);
    this.#withStore(() =>
      recordFirstReport(this.#db, params.header, {
        id: uuidv7(now),
        body,
        priority,
        createdAt: now,
        files,
        thumbnailPriority: THUMBNAIL_PRIORITY,
      }),
    );
    return this.#written(incidentId);
  }

  /** A 续报 (numbered here) or the 终报 (closes the incident). */
  addReport(params: AddReportParams): IncidentDetail {
    const db = this.#db;
    if (!this.#withStore(() => incidentExists(db, params.incidentId))) throw new NotFoundError(`no incident ${params.incidentId}`);
    const now = this.#now();
    const chain = this.#withStore(() => chainOf(db, params.incidentId));
    const number = params.stage === 'followup' ? nextFollowupNumber(chain) : 0;
    const refusal = reportChainError(chain, { stage: params.stage, number });
    if (refusal) throw new ConflictError(refusal);
    const files = this.#files(params.files);
    const body = reportBody(params.incidentId, params.stage, number, params, files);
    const priority = params.priority ?? 'immediate';
    this.#withStore(() =>
      recordLaterReport(db, { id: uuidv7(now), body, priority, createdAt: now, files, thumbnailPriority: THUMBNAIL_PRIORITY }),
    );
    return this.#written(params.incidentId);
  }

  followups(): FollowupRequestView[] {
    return this.#withStore(() => openFollowups(this.#db));
  }

  dismissFollowup(id: string): FollowupRequestView {
    const db = this.#db;
    const request = this.#withStore(() => {
      dismissFollowupRequest(db, id, this.#now());
      return followupById(db, id);
    });
    if (!request) throw new NotFoundError(`no follow-up request ${id}`);
    this.safeEmit('changed', [request.incidentId]);
    return request;
  }

  /** Seconds each would take on the link that carries its priority now, at that class's budget. */
  estimate(items: ReadonlyArray<{ bytes: number; priority: Priority }>): SendEstimate[] {
    const policy = this.#options.policy();
    return items.map(({ bytes, priority }) => {
      const decision = policy.decisions.find((d) => d.trafficClass === trafficClassOf(priority));
      if (!decision?.linkId || decision.budgetKbps <= 0) return { seconds: null, linkId: null };
      return { seconds: Math.round(((bytes * 8) / (decision.budgetKbps * 1000)) * 10) / 10, linkId: decision.linkId };
    });
  }

  /** Incidents changed outside this service (a delivery, a 签收, a follow-up request). */
  announce(ids: readonly string[]): void {
    if (ids.length > 0) this.safeEmit('changed', [...new Set(ids)]);
  }

  #written(incidentId: string): IncidentDetail {
    this.safeEmit('changed', [incidentId]);
    this.#options.onOutbox();
    return this.get(incidentId);
  }

  /** The files a report carries: staged, not carried by another report, each named once. */
  #files(choices: ReadonlyArray<{ id: string; priority: Priority }>): FileToSend[] {
    const seen = new Set<string>();
    return choices.map(({ id, priority }) => {
      if (seen.has(id)) throw new ConflictError(`file ${id} is named twice`);
      seen.add(id);
      const file = this.#withStore(() => reportFile(this.#db, id));
      if (!file) throw new NotFoundError(`no file ${id} staged for a report (send it with files.start/append/finish first)`);
      if (file.reportId) throw new ConflictError(`file ${id} already went with another report`);
      return { originalId: id, thumbnailId: file.thumbnailId, priority };
    });
  }

  get #db() {
    return this.#options.store.db;
  }

  #withStore<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof ConflictError || error instanceof NotFoundError) throw error;
      throw storeError(error, this.#options.store.file);
    }
  }
}

type ReportFields = Pick<
  CreateIncidentParams,
  'text' | 'casualties' | 'cause' | 'impact' | 'measures' | 'help' | 'nextSteps' | 'reporterName' | 'reporterPhone'
>;

/** The report's body: only the fields given, the originals it carries named. */
function reportBody(
  incidentId: string,
  stage: ReportBody['stage'],
  number: number,
  fields: ReportFields,
  files: readonly FileToSend[],
): ReportBody {
  const body: ReportBody = { incidentId, stage, number, text: fields.text };
  for (const key of ['casualties', 'cause', 'impact', 'measures', 'help', 'nextSteps', 'reporterName', 'reporterPhone'] as const) {
    if (fields[key] !== undefined) Object.assign(body, { [key]: fields[key] });
  }
  if (files.length > 0) body.attachments = files.map((f) => f.originalId);
  return body;
}
