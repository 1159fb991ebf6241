import type { Database } from 'better-sqlite3';
import { Settings } from '../../../protocol/config/consoleConfig';

/** The operator's UI settings, one row per key in `settings`. */

export function readSettings(db: Database, defaults: Settings): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited row that is not JSON falls back to the default below.
    }
  }
  const merged = Settings.safeParse({ ...defaults, ...stored });
  return merged.success ? merged.data : defaults;
}

export function writeSettings(db: Database, patch: Partial<Settings>): void {
  const upsert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) upsert.run(key, JSON.stringify(value));
    }
  })();
}
