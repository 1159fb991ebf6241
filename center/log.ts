/**
 * A tagged logger (`[ingest] …`) on stderr, quiet at debug unless MCV_LOG=debug and
 * silent (but for errors) with MCV_LOG=silent. Operators read one-line messages;
 * stacks go only to this log, never to a client.
 */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const level = () => process.env.MCV_LOG ?? 'info';

export function createLogger(tag: string): Logger {
  const prefix = `[${tag}]`;
  return {
    debug: (message, ...details) => {
      if (level() === 'debug') console.error(prefix, message, ...details);
    },
    info: (message, ...details) => {
      if (level() !== 'silent') console.error(prefix, message, ...details);
    },
    warn: (message, ...details) => {
      if (level() !== 'silent') console.error(prefix, message, ...details);
    },
    error: (message, ...details) => console.error(prefix, message, ...details),
  };
}
