import type { Database } from 'better-sqlite3';
import type { MessageView } from '../../../protocol/api/messaging';
import type { MessageBody, Priority } from '../../../protocol/sync/items';
import { attachmentEntry, toAttachmentView } from './attachmentsRepo';
import { SBD_MARK_COLUMNS, SBD_MARK_JOIN, sbdMark } from './sbdRepo';
import { enqueueOutbox, LAST_ERROR_COLUMNS, lastErrorCode } from './outboxRepo';

export interface NewMessage {
  id: string;
  createdAt: number;
  priority: Priority;
  body: MessageBody;
  /** Encoded size on the wire, for the queue view. */
  bytes: number;
  attachmentId?: string;
}

/** Writes the message and its outbox item in one transaction: both or neither. */
export function insertMessage(db: Database, message: NewMessage): void {
  db.transaction(() => {
    const seq = enqueueOutbox(db, {
      id: message.id,
      kind: 'message',
      priority: message.priority,
      createdAt: message.createdAt,
      body: message.body,
      bytes: message.bytes,
    });
    db.prepare(
      'INSERT INTO messages (id, created_at, text, priority, latitude, longitude, reply_to, attachment_id, outbox_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      message.id,
      message.createdAt,
      message.body.text,
      message.priority,
      message.body.latitude ?? null,
      message.body.longitude ?? null,
      message.body.replyTo ?? null,
      message.attachmentId ?? null,
      seq,
    );
  }).immediate();
}

interface MessageRow {
  id: string;
  created_at: number;
  text: string;
  priority: string;
  latitude: number | null;
  longitude: number | null;
  reply_to: string | null;
  attachment_id: string | null;
  state: string;
  delivered_at: number | null;
  attempts: number;
  last_error: string | null;
  last_error_code: string | null;
  park_code: string | null;
  park_reason: string | null;
  center_read_at: number | null;
  center_read_by: string | null;
  sbd_sent_at: number | null;
  sbd_momsn: number | null;
}

const SELECT_MESSAGES = `SELECT m.id, m.created_at, m.text, m.priority, m.latitude, m.longitude, m.reply_to, m.attachment_id, m.center_read_at, m.center_read_by,
  o.state, o.delivered_at, o.attempts, ${LAST_ERROR_COLUMNS}, o.park_code, o.park_reason, ${SBD_MARK_COLUMNS}
  FROM messages m JOIN outbox o ON o.seq = m.outbox_seq ${SBD_MARK_JOIN}`;

function toView(db: Database, row: MessageRow): MessageView {
  const attachment = row.attachment_id ? attachmentEntry(db, row.attachment_id) : undefined;
  return {
    id: row.id,
    createdAt: row.created_at,
    text: row.text,
    priority: row.priority as Priority,
    latitude: row.latitude,
    longitude: row.longitude,
    replyTo: row.reply_to,
    attachment: attachment ? toAttachmentView(attachment) : null,
    delivery: {
      state: row.state as MessageView['delivery']['state'],
      deliveredAt: row.delivered_at,
      attempts: row.attempts,
      lastError: row.last_error,
      lastErrorCode: lastErrorCode(row),
      parkCode: row.park_code,
      parkReason: row.park_reason,
      sbd: sbdMark(row),
    },
    centerReadAt: row.center_read_at,
    centerReadBy: row.center_read_by,
  };
}

/** Newest first. */
export function listMessages(db: Database, limit: number): MessageView[] {
  return (db.prepare(`${SELECT_MESSAGES} ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?`).all(limit) as MessageRow[]).map((row) =>
    toView(db, row),
  );
}

export function messageView(db: Database, id: string): MessageView | undefined {
  const row = db.prepare(`${SELECT_MESSAGES} WHERE m.id = ?`).get(id) as MessageRow | undefined;
  return row && toView(db, row);
}

/** Messages whose outbox items are among `seqs` (to announce their new delivery state). */
export function messagesForSeqs(db: Database, seqs: readonly number[]): MessageView[] {
  if (seqs.length === 0) return [];
  const rows: MessageRow[] = [];
  const select = db.prepare(`${SELECT_MESSAGES} WHERE m.outbox_seq = ?`);
  for (const seq of seqs) {
    const row = select.get(seq) as MessageRow | undefined;
    if (row) rows.push(row);
  }
  return rows.map((row) => toView(db, row));
}
