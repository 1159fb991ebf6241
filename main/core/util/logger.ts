/**
 * A tagged logger (`[LinkHub] …`), quiet at debug unless MCV_LOG=debug. Operators
 * see the console's own one-line messages; developers see tags and stacks.
 */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const debugEnabled = () => process.env.MCV_LOG === 'debug';
const silent = () => process.env.MCV_LOG === 'silent';

export function createLogger(tag: string): Logger {
  const prefix = `[${tag}]`;
  return {
    debug: (message, ...details) => {
      if (debugEnabled()) console.debug(prefix, message, ...details);
    },
    info: (message, ...details) => {
      if (!silent()) console.info(prefix, message, ...details);
    },
    warn: (message, ...details) => {
      if (!silent()) console.warn(prefix, message, ...details);
    },
    error: (message, ...details) => console.error(prefix, message, ...details),
  };
}
