import type { Migration } from '../../../../platform/sqlite/migrations';

/**
 * The code of an item's last failed try, stored beside its English detail (`last_error`)
 * so the UI translates it without parsing the text. Rows from before stay NULL: their
 * code is read from the text as before (lastErrorCode in outboxRepo.ts), or, for rows
 * older than the codes, the text alone is shown.
 */
export const migration0090: Migration = {
  version: 90,
  name: 'the code of an outbox item’s last failed try',
  up(db) {
    db.exec(`ALTER TABLE outbox ADD COLUMN last_error_code TEXT;`);
  },
};
