import type { Migration } from '../../../platform/sqlite/migrations';

/**
 * Iridium SBD through DirectIP (center/iridium/): the IMEI of each vehicle's modem (the
 * gateway names a sender only by it), every MO delivery by the gateway's CDR reference,
 * and MT messages with the gateway's confirmation.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'Iridium DirectIP: IMEI mapping, MO deliveries, MT messages',
  up(db) {
    db.exec(`
      ALTER TABLE vehicles ADD COLUMN imei TEXT;
      -- One modem, one vehicle.
      CREATE UNIQUE INDEX vehicles_by_imei ON vehicles (imei) WHERE imei IS NOT NULL;

      -- Each MO delivery taken, once: the gateway may deliver the same CDR again.
      CREATE TABLE directip_mo (
        cdr_reference INTEGER PRIMARY KEY,
        imei TEXT NOT NULL,
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        session_status INTEGER NOT NULL,
        momsn INTEGER NOT NULL,
        session_at INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        payload_bytes INTEGER NOT NULL,
        items INTEGER NOT NULL,
        held INTEGER NOT NULL,
        lat REAL,
        lon REAL,
        cep_km INTEGER
      ) STRICT;
      CREATE INDEX directip_mo_by_vehicle ON directip_mo (vehicle_id, received_at);

      -- MT messages to the gateway; the client message id is this table's number.
      CREATE TABLE directip_mt (
        client_message_id INTEGER PRIMARY KEY AUTOINCREMENT,
        vehicle_id TEXT NOT NULL REFERENCES vehicles (id),
        imei TEXT NOT NULL,
        payload_bytes INTEGER NOT NULL,
        priority INTEGER,
        created_at INTEGER NOT NULL,
        status INTEGER,
        auto_id INTEGER,
        confirmed_at INTEGER,
        error TEXT
      ) STRICT;
      CREATE INDEX directip_mt_by_vehicle ON directip_mt (vehicle_id, client_message_id);
      -- Which downlink items each MT message carried (an item may go again after a transient failure).
      CREATE TABLE directip_mt_items (
        item_id TEXT NOT NULL REFERENCES downlink_items (id),
        client_message_id INTEGER NOT NULL REFERENCES directip_mt (client_message_id),
        PRIMARY KEY (item_id, client_message_id)
      ) STRICT, WITHOUT ROWID;

      -- The MT rule looks at undelivered items only.
      CREATE INDEX downlink_undelivered ON downlink_items (vehicle_id, seq) WHERE delivered_at IS NULL;
    `);
  },
};
