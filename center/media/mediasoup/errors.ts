/**
 * The mediasoup backend's two errors. `MediaUnavailableError`: the package or its worker
 * binary is missing or will not start, so the center runs without media and prints the
 * message (which says what to do). `MediaBackendError`: one operation failed in mediasoup
 * (a bad DTLS fingerprint, a closed router…); the promise rejects with it and the process
 * goes on.
 */
export class MediaUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaUnavailableError';
  }
}

export class MediaBackendError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaBackendError';
  }
}

/** The text of anything thrown. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs one mediasoup call; whatever it throws (synchronously or as a rejection) becomes a
 * `MediaBackendError` naming what was being done: `transport 3f…: connect failed: …`.
 */
export async function attempt<T>(what: string, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new MediaBackendError(`${what} failed: ${reasonOf(error)}`, { cause: error });
  }
}
