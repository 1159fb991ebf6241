import { latestVersion, type Migration } from '../../../platform/sqlite/migrations';
import { migration0013 } from './migration13Incidents';
import { migration0014 } from './migration14Duty';
import { migration0015 } from './migration15FleetRevision';
import { migration0016 } from './migration16Iridium';
import { migration0017 } from './migration17ArrivalPath';

const migration0010: Migration = {
  version: 10,
  name: 'credentials, vehicles, uplink and downlink items, attachments',
  up(db) {
    db.exec(`
      -- Who may call: vehicles and staff. Only the SHA-256 of a token is kept.
      CREATE TABLE credentials (
        role TEXT NOT NULL CHECK (role IN ('vehicle', 'staff')),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        token_sha256 BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER,
        PRIMARY KEY (role, id)
      ) STRICT, WITHOUT ROWID;

      -- Each vehicle's sync state and what the desk shows of it.
      CREATE TABLE vehicles (
        id TEXT PRIMARY KEY,
        up_ack INTEGER NOT NULL DEFAULT 0,
        item_count INTEGER NOT NULL DEFAULT 0,
        down_seq INTEGER NOT NULL DEFAULT 0,
        down_acked INTEGER NOT NULL DEFAULT 0,
        last_contact_at INTEGER,
        pos_lat REAL,
        pos_lon REAL,
        pos_fix TEXT,
        pos_at INTEGER,
        links_json TEXT,
        links_at INTEGER
      ) STRICT;

      -- Items received from vehicles, exactly once: (vehicle, seq) is the idempotency key.
      CREATE TABLE uplink_items (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        priority TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        digest BLOB NOT NULL,
        wire BLOB NOT NULL,
        body_json TEXT NOT NULL,
        UNIQUE (vehicle_id, seq),
        UNIQUE (vehicle_id, id)
      ) STRICT;
      CREATE INDEX uplink_items_by_vehicle ON uplink_items (vehicle_id, cursor);
      CREATE INDEX uplink_items_by_kind ON uplink_items (kind, cursor);

      -- Orders and directories queued for a vehicle, numbered per vehicle from 1.
      CREATE TABLE downlink_items (
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        priority TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        wire BLOB NOT NULL,
        body_json TEXT NOT NULL,
        delivered_at INTEGER,
        PRIMARY KEY (vehicle_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- Resumable uploads; received_bytes never exceeds what is synced in the file.
      CREATE TABLE attachments (
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        attachment_id TEXT NOT NULL,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        received_bytes INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        completed_at INTEGER,
        PRIMARY KEY (vehicle_id, attachment_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX attachments_incomplete ON attachments (completed_at) WHERE completed_at IS NULL;
    `);
  },
};

const migration0011: Migration = {
  version: 11,
  name: 'orders with their recipients and steps, read marks both ways',
  up(db) {
    db.exec(`
      -- Orders as the desk composed them; each recipient's copy is one of its downlink items.
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        priority TEXT NOT NULL,
        require_ack INTEGER NOT NULL,
        from_name TEXT NOT NULL,
        from_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        deadline_at INTEGER,
        target_lat REAL,
        target_lon REAL,
        target_label TEXT,
        cancelled_at INTEGER,
        cancelled_by TEXT,
        cancel_reason TEXT
      ) STRICT;
      CREATE INDEX orders_by_time ON orders (created_at);

      -- state: the furthest step the crew reported ('issued' until then; delivery is the
      -- downlink item's delivered_at).
      CREATE TABLE order_recipients (
        order_id TEXT NOT NULL REFERENCES orders (id),
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        item_id TEXT NOT NULL UNIQUE REFERENCES downlink_items (id),
        state TEXT NOT NULL DEFAULT 'issued',
        PRIMARY KEY (order_id, vehicle_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX order_recipients_by_vehicle ON order_recipients (vehicle_id, state);

      -- Every step the crew reported, as received (the history the desk shows).
      CREATE TABLE order_steps (
        item_id TEXT NOT NULL REFERENCES order_recipients (item_id),
        state TEXT NOT NULL,
        at INTEGER NOT NULL,
        by TEXT NOT NULL,
        reason TEXT
      ) STRICT;
      CREATE INDEX order_steps_by_item ON order_steps (item_id, at);

      -- What the vehicle last reported waiting in its outbox (per priority), and when.
      ALTER TABLE vehicles ADD COLUMN queue_json TEXT;
      ALTER TABLE vehicles ADD COLUMN queue_at INTEGER;

      -- When the crew read a downlink item (their receipt), and when staff read an uplink message.
      ALTER TABLE downlink_items ADD COLUMN read_at INTEGER;
      ALTER TABLE uplink_items ADD COLUMN read_at INTEGER;
      ALTER TABLE uplink_items ADD COLUMN read_by TEXT;
      CREATE INDEX uplink_messages_unread ON uplink_items (vehicle_id) WHERE kind = 'message' AND read_at IS NULL;

      -- Orders sent before this version become orders with their one recipient.
      INSERT INTO orders (id, text, priority, require_ack, from_name, from_id, created_at)
        SELECT id, json_extract(body_json, '$.text'), priority, json_extract(body_json, '$.requireAck'),
               json_extract(body_json, '$.from'), '', created_at
        FROM downlink_items WHERE kind = 'order';
      INSERT INTO order_recipients (order_id, vehicle_id, item_id)
        SELECT id, vehicle_id, id FROM downlink_items WHERE kind = 'order';
      -- Their acknowledgements came as messages answering them.
      INSERT INTO order_steps (item_id, state, at, by)
        SELECT r.item_id, 'acknowledged', MIN(u.created_at), c.name
        FROM order_recipients r
        JOIN uplink_items u ON u.vehicle_id = r.vehicle_id AND u.kind = 'message' AND json_extract(u.body_json, '$.replyTo') = r.item_id
        JOIN credentials c ON c.role = 'vehicle' AND c.id = r.vehicle_id
        GROUP BY r.item_id;
      UPDATE order_recipients SET state = 'acknowledged' WHERE item_id IN (SELECT item_id FROM order_steps);
    `);
  },
};

const migration0012: Migration = {
  version: 12,
  name: 'staff roles and vehicle groups',
  up(db) {
    db.exec(`
      -- A staff member's role: 'admin' sees every vehicle, 'desk' only those of their groups.
      -- NULL for vehicles. (ALTER cannot add a check across columns that old rows would fail,
      -- so "staff have a role" is kept by the store; a staff row without one reads as 'desk'.)
      ALTER TABLE credentials ADD COLUMN staff_role TEXT CHECK (staff_role IN ('desk', 'admin'));

      -- Before roles existed every staff member saw every vehicle. They become admins, so an
      -- upgrade takes nobody's access away; narrow it afterwards with \`staff set\`.
      UPDATE credentials SET staff_role = 'admin' WHERE role = 'staff';

      -- Vehicle groups of vehicles and staff alike: a desk staff member sees a vehicle when
      -- they share a group. A group exists while something is in it.
      CREATE TABLE credential_groups (
        role TEXT NOT NULL,
        id TEXT NOT NULL,
        group_name TEXT NOT NULL,
        PRIMARY KEY (role, id, group_name),
        FOREIGN KEY (role, id) REFERENCES credentials (role, id)
      ) STRICT, WITHOUT ROWID;
      -- "Which vehicles are in these groups", once per desk request.
      CREATE INDEX credential_groups_by_group ON credential_groups (role, group_name, id);
    `);
  },
};

/** Every migration of the center's database, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
];

export const LATEST_SCHEMA_VERSION = latestVersion(MIGRATIONS);
