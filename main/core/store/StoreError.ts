import { DatabaseError } from '../../../platform/sqlite/DatabaseError';

/** How the console's database errors name their owner. */
export const STORE_PRODUCT = 'MCV Console';

/** A problem with the console's database, for the operator (see DatabaseError). */
export function storeError(error: unknown, file: string): DatabaseError {
  return DatabaseError.from(error, file, STORE_PRODUCT);
}
