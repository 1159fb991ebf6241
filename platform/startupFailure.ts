import { OperatorError } from './OperatorError';

/**
 * The one line an operator sees when a program (console host, center, CLI command)
 * cannot start or run, and whether the cause is known. Unknown causes are bugs: the
 * host prints the stack for the developer.
 */
export function describeStartupFailure(error: unknown): { line: string; known: boolean } {
  if (error instanceof OperatorError) return { line: error.message, known: true };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE') return { line: `The port is already in use (${message}); choose another with --port.`, known: true };
  if (code === 'EADDRNOTAVAIL') return { line: `This machine has no such address (${message}); check --host.`, known: true };
  if (code === 'EACCES' && /listen/.test(message))
    return { line: `Not allowed to listen there (${message}); use a port above 1024.`, known: true };
  return { line: `Unexpected error: ${message.split('\n')[0]}`, known: false };
}
