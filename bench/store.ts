/**
 * npm run bench:store
 *
 * Records written per second the way the console writes them — a message row and its
 * outbox item in one transaction, `synchronous=FULL`, WAL, on a real file — against raw
 * better-sqlite3 inserts of the same two rows in the same transaction shape (one
 * transaction per record, prepared statements, no encoding, no repository code) on a
 * second file with the same pragmas, in the same run. Also the batched shape of
 * position reports (track point + outbox item, many per transaction).
 * Last line: `ratio=…` (console records/s over raw records/s, one per transaction).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionOutboxItem } from '../main/core/ops/positionItem';
import { insertMessage } from '../main/core/store/messagesRepo';
import { migrate } from '../platform/sqlite/migrations';
import { MIGRATIONS } from '../main/core/store/migrations/index';
import { enqueueOutbox } from '../main/core/store/outboxRepo';
import { INSERT_TRACK_POINT, trackPointParams } from '../main/core/store/trackRepo';
import { estimateWireBytes } from '../main/core/sync/outboxItem';
import { uuidv7 } from '../protocol/sync/uuid';
import { round } from './stats';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 3000);
const BATCH = 50;
const ROUNDS = 3;
const TEXT = '道路塌方，车辆无法通行。请求派遣工程机械。伤员三名，已就地救治。';

function open(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  migrate(db, MIGRATIONS);
  return db;
}

function perSecond(count: number, run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

function consoleMessages(db: Database.Database): number {
  return perSecond(RECORDS, () => {
    for (let i = 0; i < RECORDS; i++) {
      const at = Date.now();
      const id = uuidv7(at);
      const body = { text: TEXT, latitude: 30.65731, longitude: 104.06576 };
      insertMessage(db, {
        id,
        createdAt: at,
        priority: 'immediate',
        body,
        bytes: estimateWireBytes({ kind: 'message', id, priority: 'immediate', createdAt: at, body }),
      });
    }
  });
}

function rawMessages(db: Database.Database): number {
  const outbox = db.prepare('INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const message = db.prepare(
    'INSERT INTO messages (id, created_at, text, priority, latitude, longitude, outbox_seq) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const body = JSON.stringify({ text: TEXT, latitude: 30.65731, longitude: 104.06576 });
  const write = db.transaction((id: string, at: number) => {
    const seq = outbox.run(id, 'message', 'immediate', 1, at, body, 120).lastInsertRowid;
    message.run(id, at, TEXT, 'immediate', 30.65731, 104.06576, seq);
  });
  return perSecond(RECORDS, () => {
    for (let i = 0; i < RECORDS; i++) write.immediate(`${String(i).padStart(8, '0')}-raw-${Math.random()}`, Date.now());
  });
}

function consolePositions(db: Database.Database): number {
  const track = db.prepare(INSERT_TRACK_POINT);
  const batch = db.transaction((points: Array<ReturnType<typeof point>>) => {
    for (const p of points) {
      track.run(trackPointParams(p));
      enqueueOutbox(db, positionOutboxItem(p)!);
    }
  });
  return perSecond(RECORDS, () => {
    for (let i = 0; i < RECORDS; i += BATCH) batch(Array.from({ length: BATCH }, (_, j) => point(i + j)));
  });
}

function rawPositions(db: Database.Database): number {
  const track = db.prepare(INSERT_TRACK_POINT);
  const outbox = db.prepare('INSERT INTO outbox (id, kind, priority, rank, created_at, body, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const batch = db.transaction((points: Array<ReturnType<typeof point>>) => {
    for (const p of points) {
      track.run(trackPointParams(p));
      outbox.run(`${p.at}-${Math.random()}`, 'position', 'routine', 3, p.at, '{"latitude":30.6,"longitude":104.1,"fix":"3d"}', 30);
    }
  });
  return perSecond(RECORDS, () => {
    for (let i = 0; i < RECORDS; i += BATCH) batch(Array.from({ length: BATCH }, (_, j) => point(i + j)));
  });
}

function point(i: number) {
  return {
    at: 1_800_000_000_000 + i * 1000,
    latitude: 30.65731 + i * 1e-5,
    longitude: 104.06576,
    altitudeM: 512,
    speedMps: 12.5,
    headingDeg: 90,
    fixMode: '3d' as const,
    sourceLinkId: 'gnss-1',
  };
}

const dir = mkdtempSync(join(tmpdir(), 'mcv-bench-store-'));
try {
  const best = { console: 0, raw: 0, consolePos: 0, rawPos: 0 };
  for (let round_ = 0; round_ < ROUNDS; round_++) {
    // Alternate which goes first, so neither always gets the warmer disk cache.
    const a = open(join(dir, `console-${round_}.db`));
    const b = open(join(dir, `raw-${round_}.db`));
    if (round_ % 2 === 0) {
      best.console = Math.max(best.console, consoleMessages(a));
      best.raw = Math.max(best.raw, rawMessages(b));
    } else {
      best.raw = Math.max(best.raw, rawMessages(b));
      best.console = Math.max(best.console, consoleMessages(a));
    }
    best.consolePos = Math.max(best.consolePos, consolePositions(a));
    best.rawPos = Math.max(best.rawPos, rawPositions(b));
    a.close();
    b.close();
  }
  console.log(`messages, one transaction each (FULL): console ${round(best.console, 0)}/s, raw ${round(best.raw, 0)}/s`);
  console.log(
    `positions, ${BATCH} per transaction (FULL): console ${round(best.consolePos, 0)}/s, raw ${round(best.rawPos, 0)}/s, ratio ${round(best.consolePos / best.rawPos, 3)}`,
  );
  console.log(`ratio=${round(best.console / best.raw, 3)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
