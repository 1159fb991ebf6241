import Database from 'better-sqlite3';

/**
 * The baseline of `bench:center-load`: the same uplink rows the center stored, inserted
 * again with plain better-sqlite3 into a twin of `uplink_items` (same columns, keys and
 * indexes) in the same database file, with the center's pragmas (WAL, synchronous=FULL),
 * one transaction per exchange as the center grouped them (rows sharing vehicle and
 * receive time). Returns rows per second. Run it after the center has stopped.
 */
export function rawUplinkInserts(file: string, receivedFrom: number, receivedTo: number): { rows: number; perSecond: number } {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'uplink_items' AND sql IS NOT NULL").all() as Array<{
      sql: string;
    }>;
    db.exec('DROP TABLE IF EXISTS bench_raw');
    // Every index gets a name of its own (some, like uplink_messages_unread, do not carry the table's name).
    for (const { sql } of ddl)
      db.exec(sql.replace(/^(CREATE (?:UNIQUE )?INDEX )(\w+)/, '$1bench_raw_$2').replace(/\buplink_items(\w*)/g, 'bench_raw$1'));
    const rows = db
      .prepare(
        `SELECT vehicle_id, seq, id, kind, priority, created_at, received_at, digest, wire, body_json FROM uplink_items
         WHERE received_at >= ? AND received_at <= ? ORDER BY cursor`,
      )
      .all(receivedFrom, receivedTo) as Array<Record<string, unknown>>;
    const groups: Array<Array<Record<string, unknown>>> = [];
    let key = '';
    for (const row of rows) {
      const rowKey = `${String(row.vehicle_id)}|${String(row.received_at)}`;
      if (rowKey !== key) groups.push([]);
      key = rowKey;
      groups.at(-1)!.push(row);
    }
    const insert = db.prepare(
      `INSERT INTO bench_raw (vehicle_id, seq, id, kind, priority, created_at, received_at, digest, wire, body_json)
       VALUES (@vehicle_id, @seq, @id, @kind, @priority, @created_at, @received_at, @digest, @wire, @body_json)`,
    );
    const tx = db.transaction((group: Array<Record<string, unknown>>) => {
      for (const row of group) insert.run(row);
    });
    const start = performance.now();
    for (const group of groups) tx.immediate(group);
    const seconds = (performance.now() - start) / 1000;
    db.exec('DROP TABLE bench_raw');
    return { rows: rows.length, perSecond: rows.length / seconds };
  } finally {
    db.close();
  }
}
