import type { ItemKind, Priority } from '../../protocol/sync/items';

/**
 * What the center keeps of Iridium SBD (migration 16): each vehicle's IMEI (unique), every
 * MO delivery by the gateway's CDR reference (so a second delivery is recognised), and
 * every MT message sent with the gateway's confirmation. The items themselves go through
 * the exchange's unit of work like any other (center/ingest/applyExchange.ts).
 */
export interface IridiumStore {
  /** The vehicle an IMEI is mapped to (revoked ones too, so the caller can say so). */
  vehicleByImei(imei: string): Promise<{ vehicleId: string; revoked: boolean } | undefined>;
  /** Maps (or with null unmaps) a vehicle's IMEI. */
  setImei(vehicleId: string, imei: string | null): Promise<SetImeiResult>;
  imeiOf(vehicleId: string): Promise<string | null>;

  /** The MO delivery of this CDR reference, when one was taken before. */
  moSession(cdrReference: number): Promise<MoSessionRecord | undefined>;
  /** Records a taken MO delivery; false when its CDR reference was recorded already. */
  recordMo(record: MoSessionRecord): Promise<boolean>;
  /** A vehicle's latest MO deliveries, newest first. */
  moSessions(vehicleId: string, limit: number): Promise<MoSessionRecord[]>;

  /** Undelivered downlink items that the MT rule picks now, by vehicle then seq (see MtRuleQuery). */
  mtCandidates(query: MtRuleQuery): Promise<MtCandidate[]>;
  /** Records an MT message about to be sent; returns its client message id (1, 2, …). */
  createMt(mt: NewMtMessage): Promise<number>;
  /** The gateway's confirmation of an MT message. */
  confirmMt(clientMessageId: number, confirmation: { status: number; autoIdReference: number; at: number }): Promise<void>;
  /** An MT message that got no confirmation (no connection, no answer, a bad answer), and why. */
  failMt(clientMessageId: number, error: string, at: number): Promise<void>;
  /** A vehicle's latest MT messages, newest first. */
  mtMessages(vehicleId: string, limit: number): Promise<MtMessageRecord[]>;
}

export type SetImeiResult = { outcome: 'set' } | { outcome: 'unknown-vehicle' } | { outcome: 'taken'; by: string };

export interface MoSessionRecord {
  cdrReference: number;
  imei: string;
  vehicleId: string;
  sessionStatus: number;
  momsn: number;
  /** Time of session (gateway), ms. */
  sessionAt: number;
  receivedAt: number;
  payloadBytes: number;
  /** Items the payload carried, and how many the center holds from it (new or already held). */
  items: number;
  held: number;
  location: { latitude: number; longitude: number; cepKm: number } | null;
}

export interface MtRuleQuery {
  priorities: readonly Priority[];
  /** A vehicle with an IP contact after this (ms) is reachable over IP, unless its last contact was an MO. */
  quietBefore: number;
  /** An item whose last MT attempt failed transiently before this (ms) may go again. */
  retryBefore: number;
  /** MT statuses that are final for an item (an unknown IMEI is not retried every minute). */
  finalStatuses: readonly number[];
}

export interface MtCandidate {
  vehicleId: string;
  imei: string;
  seq: number;
  id: string;
  kind: ItemKind;
  priority: Priority;
  wire: Uint8Array;
}

export interface NewMtMessage {
  vehicleId: string;
  imei: string;
  /** Downlink item ids the payload carries. */
  itemIds: readonly string[];
  payloadBytes: number;
  priority: number | null;
  createdAt: number;
}

export interface MtMessageRecord extends NewMtMessage {
  clientMessageId: number;
  /** The gateway's status (0–50 queue position, negative refusal); null until confirmed. */
  status: number | null;
  autoIdReference: number | null;
  confirmedAt: number | null;
  /** Why no confirmation came; null when one did or it is in flight. */
  error: string | null;
}
