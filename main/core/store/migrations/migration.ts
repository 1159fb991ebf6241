import type { Database } from 'better-sqlite3';

/** One forward-only schema step. Versions go up in tens, leaving room for fixes. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}
