import { MO_MAX_BYTES } from './iridiumAtTables';

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
