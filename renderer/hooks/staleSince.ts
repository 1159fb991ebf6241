/** The renderer's view of the socket to the console core (see renderer/api/transport.ts). */
type Connection = 'connecting' | 'open' | 'closed';

/**
 * Since when what the screen shows has been stale: the moment the connection to the core
 * was lost (its values were current until then), kept while it stays lost, cleared as soon
 * as it is open again. `undefined` means current.
 */
export function nextStaleSince(previous: number | undefined, connection: Connection, now: number): number | undefined {
  if (connection === 'open') return undefined;
  return previous ?? now;
}
