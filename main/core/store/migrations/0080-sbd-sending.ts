import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * Items sent by Iridium SBD (docs/sync.md, "Iridium SBD"): one row per MO message the
 * gateway took (the month's count and bytes are what the crew pays for), and on each
 * outbox item the message it left in — it stays queued until the center confirms it
 * over IP, but is never sent by SBD twice — or why it cannot go by SBD at all.
 */
export const migration0080: Migration = {
  version: 80,
  name: 'items sent by Iridium SBD',
  up(db) {
    db.exec(`
      CREATE TABLE sbd_messages (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        link_id TEXT NOT NULL,
        sent_at INTEGER NOT NULL,      -- when the gateway took it (MO status 0-4), ms
        bytes INTEGER NOT NULL,        -- the payload, framing included
        items INTEGER NOT NULL,
        momsn INTEGER NOT NULL,        -- the transceiver's MO sequence number
        flash INTEGER NOT NULL CHECK (flash IN (0, 1))
      ) STRICT;
      CREATE INDEX sbd_messages_by_time ON sbd_messages (sent_at);

      ALTER TABLE outbox ADD COLUMN sbd_message INTEGER REFERENCES sbd_messages (id);
      ALTER TABLE outbox ADD COLUMN sbd_refused TEXT;
    `);
  },
};
