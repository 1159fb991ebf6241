import { OperatorError } from '../../platform/OperatorError';
import { DatabaseError } from '../../platform/sqlite/DatabaseError';

/** How the center's storage errors name their owner. */
export const CENTER_PRODUCT = 'MCV center';

/** A problem with the center's storage, for the operator (see DatabaseError); a full disk is a StoreFullError. */
export function centerStoreError(error: unknown, location: string): DatabaseError {
  const problem = DatabaseError.from(error, location, CENTER_PRODUCT);
  return problem.problem === 'full' && !(problem instanceof StoreFullError) ? new StoreFullError(location, error) : problem;
}

/** The disk under the store (database or attachment files) is full; nothing was half-written. HTTP 507. */
export class StoreFullError extends DatabaseError {
  constructor(location: string, cause?: unknown) {
    super('full', location, CENTER_PRODUCT, cause);
  }
}

/** A credential id that is already taken. */
export class DuplicateIdError extends OperatorError {
  constructor(
    readonly role: string,
    readonly id: string,
  ) {
    super(`a ${role} with id "${id}" already exists (ids are never reused, even after revoking); choose another with --id`);
  }
}
