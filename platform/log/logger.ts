/**
 * A tagged logger (`[sync] …`) shared by the console core, the drivers and the center.
 * Every line goes to stderr, so a program's own output on stdout (the URL to open, an
 * issued token) stays clean for scripts. Quiet at debug unless `MCV_LOG=debug`; only
 * errors with `MCV_LOG=silent`. Operators read one-line messages; stacks go only here.
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
