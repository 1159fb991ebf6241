import type { Database } from 'better-sqlite3';
import type { AttachmentView } from '../../../protocol/api/messaging';

export interface AttachmentRecord {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: number;
}

interface AttachmentRow {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  created_at: number;
  confirmed: number;
  complete: number;
}

export type AttachmentEntry = AttachmentRecord & { confirmed: number; complete: boolean };

const toEntry = (row: AttachmentRow): AttachmentEntry => ({
  id: row.id,
  name: row.name,
  mime: row.mime,
  size: row.size,
  sha256: row.sha256,
  createdAt: row.created_at,
  confirmed: row.confirmed,
  complete: row.complete === 1,
});

export function insertAttachment(db: Database, record: AttachmentRecord): void {
  db.prepare('INSERT INTO attachments (id, name, mime, size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    record.id,
    record.name,
    record.mime,
    record.size,
    record.sha256,
    record.createdAt,
  );
}

export function attachmentEntry(db: Database, id: string): AttachmentEntry | undefined {
  const row = db.prepare('SELECT * FROM attachments WHERE id = ?').get(id) as AttachmentRow | undefined;
  return row && toEntry(row);
}

/** What the center confirmed holding; never goes back except when the center reset the upload. */
export function setAttachmentProgress(db: Database, id: string, confirmed: number, complete: boolean): void {
  db.prepare('UPDATE attachments SET confirmed = ?, complete = ? WHERE id = ?').run(confirmed, complete ? 1 : 0, id);
}

export function attachmentIds(db: Database): Set<string> {
  return new Set((db.prepare('SELECT id FROM attachments').all() as Array<{ id: string }>).map((r) => r.id));
}

export function toAttachmentView(entry: AttachmentEntry): AttachmentView {
  return { id: entry.id, name: entry.name, mime: entry.mime, size: entry.size, confirmed: entry.confirmed, complete: entry.complete };
}
