import type { Migration } from '../../../../platform/sqlite/migrations';

export const migration0030: Migration = {
  version: 30,
  name: 'outbox, inbox, messages and attachments for sync',
  up(db) {
    db.exec(`
      -- Everything the center must see, written in the same transaction as its record.
      -- seq is the vehicle's sequence (plus the vehicle's offset on the wire); AUTOINCREMENT
      -- so a number is never reused even after old rows are pruned.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'position', 'attachment')),
        priority TEXT NOT NULL CHECK (priority IN ('flash', 'immediate', 'priority', 'routine', 'bulk')),
        rank INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        -- Bytes this item puts on the wire: the encoded item, plus the file for an attachment.
        bytes INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'delivered', 'parked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        park_code TEXT,
        park_reason TEXT,
        delivered_at INTEGER,
        attachment_id TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox (state, rank, seq);

      -- Text messages the crew wrote.
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        text TEXT NOT NULL,
        priority TEXT NOT NULL,
        latitude REAL,
        longitude REAL,
        reply_to TEXT,
        attachment_id TEXT,
        outbox_seq INTEGER NOT NULL REFERENCES outbox (seq)
      ) STRICT;
      CREATE INDEX messages_by_time ON messages (created_at);

      -- Files to upload; the bytes live in <data dir>/attachments/<id>.
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        -- Bytes the center confirmed holding, and whether it accepted the whole file.
        confirmed INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      -- Per vehicle identity (the token's vehicle id): where sequences stand.
      CREATE TABLE sync_vehicles (
        vehicle_id TEXT PRIMARY KEY,
        -- Added to the local seq on the wire; fixed at the first hello (see HelloResponse).
        seq_offset INTEGER NOT NULL,
        down_ack INTEGER NOT NULL DEFAULT 0,
        -- The highest contiguous seq the center said it holds; it never goes back unless
        -- the center lost items (restored from a backup).
        center_ack INTEGER NOT NULL DEFAULT 0,
        last_contact_at INTEGER
      ) STRICT;

      -- What the center sent down: orders and directory updates.
      CREATE TABLE inbox (
        vehicle_id TEXT NOT NULL,
        down_seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        priority TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        read_at INTEGER,
        -- The crew's acknowledgement (a message with reply_to = this id).
        acked_by TEXT,
        -- Keyed by the record's id, not by (vehicle, down_seq): a center restored from a
        -- backup numbers new orders again from where its copy stood.
        PRIMARY KEY (id)
      ) STRICT;
      CREATE INDEX inbox_by_seq ON inbox (vehicle_id, down_seq);
      CREATE INDEX inbox_by_time ON inbox (received_at);
    `);
  },
};
