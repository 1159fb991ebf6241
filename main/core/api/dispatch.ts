import { describeIssues } from '../../../protocol/common';
import { coreMethods, isCoreMethodName, type CoreApiHandlers } from '../../../protocol/api/coreApi';
import type { ApiResult } from '../../../protocol/api/errors';
import { NotFoundError } from '../ops/MessageService';
import { ConflictError } from '../ops/orderSteps';
import { ChunkOrderError } from '../ops/RecordingService';
import { MapImportError } from '../maps/MapService';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { UnavailableError } from '../sync/mediaTicket';
import { createLogger } from '../../../platform/log/logger';

const log = createLogger('api');

/**
 * The API's one door, shared by the IPC and WebSocket bridges: checks the method,
 * validates params with the contract's schema, runs the handler, and wraps the outcome
 * in an envelope. A bad request gets a clear error and changes nothing; an internal
 * failure is logged here and reaches the client without its stack.
 */
export async function dispatch(handlers: CoreApiHandlers, method: string, params: unknown): Promise<ApiResult> {
  if (!isCoreMethodName(method)) {
    return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `unknown method "${String(method).slice(0, 100)}"` } };
  }
  const parsed = coreMethods[method].params.safeParse(params ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'BAD_REQUEST', message: `${method}: ${describeIssues(parsed.error)}` } };
  }
  try {
    const handler = handlers[method] as (p: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof DatabaseError) {
      return { ok: false, error: { code: 'STORE_UNAVAILABLE', message: error.message } };
    }
    if (error instanceof MapImportError) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: error.message, problem: error.problem } };
    }
    if (error instanceof ChunkOrderError) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: error.message } };
    }
    if (error instanceof UnavailableError) {
      return { ok: false, error: { code: 'UNAVAILABLE', message: error.message } };
    }
    if (error instanceof NotFoundError) {
      return { ok: false, error: { code: 'NOT_FOUND', message: error.message } };
    }
    if (error instanceof ConflictError) {
      return { ok: false, error: { code: 'CONFLICT', message: error.message } };
    }
    log.error(`${method} failed`, error);
    return { ok: false, error: { code: 'INTERNAL', message: `${method} failed; see the console's log` } };
  }
}
