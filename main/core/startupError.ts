import { ConfigError } from './config/loadConfig';
import { UsageError } from './config/hostOptions';
import { StoreError } from './store/StoreError';

/**
 * The one line an operator sees when the console cannot start, or undefined when the
 * error is a bug (then the host prints the stack for the developer).
 */
export function describeStartupError(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof StoreError || error instanceof UsageError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `The port is already in use (${(error as Error).message}); choose another with --port.`;
  if (code === 'EADDRNOTAVAIL') return `This machine has no such address (${(error as Error).message}); check --host.`;
  if (code === 'EACCES' && /listen/.test((error as Error).message)) return `Not allowed to listen there (${(error as Error).message}); use a port above 1024.`;
  return undefined;
}
