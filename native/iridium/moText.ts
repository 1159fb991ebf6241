import { MO_MAX_BYTES } from './iridiumAtTables';
import { SbdError } from './sbdErrors';

/**
 * Why a text cannot be sent as an SBD message, or undefined when it can: it must be a
 * non-empty string of at most 340 bytes (UTF-8) without control characters (CR ends the
 * text on the transceiver's command line; backspace and others would edit it).
 */
export function moTextProblem(text: unknown): Error | undefined {
  if (typeof text !== 'string') return new TypeError('an SBD text message must be a string');
  if (text.length === 0) return new RangeError('an SBD text message must not be empty (use session() for a mailbox check)');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return new RangeError('an SBD text message must not contain control characters (CR, LF, …)');
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MO_MAX_BYTES) return new RangeError(`an SBD text message holds at most ${MO_MAX_BYTES} bytes; this one has ${bytes}`);
  return undefined;
}

/**
 * Why bytes cannot be sent as one binary SBD message, or undefined when they can: a
 * Uint8Array (a Buffer is one) of 1–340 bytes. Larger payloads are refused, never split:
 * splitting is the caller's decision (and the sync codec's).
 */
export function moBytesProblem(bytes: unknown): SbdError | undefined {
  if (!(bytes instanceof Uint8Array)) return new SbdError('sbd-mo-not-bytes', 'an SBD MO message must be a Uint8Array');
  if (bytes.length === 0) return new SbdError('sbd-mo-empty', 'an SBD MO message must not be empty (use session() for a mailbox check)');
  if (bytes.length > MO_MAX_BYTES)
    return new SbdError('sbd-mo-too-large', `an SBD MO message holds at most ${MO_MAX_BYTES} bytes; this one has ${bytes.length}`);
  return undefined;
}
