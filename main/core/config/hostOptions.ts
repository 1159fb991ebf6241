import { parseArgs } from 'node:util';
import { OperatorError } from '../../../platform/OperatorError';

/** Command-line options shared by both hosts (`npm start`, `npm run serve`). */
export interface HostOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  configFile?: string;
  demo: boolean;
  help: boolean;
}

export const HOST_USAGE = `options:
  --port N         port of the headless host (default 5170; 0 picks a free one)
  --host ADDR      address to listen on (default 127.0.0.1, this machine only)
  --data-dir DIR   where the database and config.json live (default: the OS's app data folder)
  --config FILE    configuration file (default: <data-dir>/config.json if it exists)
  --demo           start the simulated demo vehicle, even with links configured
  --help           show this text`;

/** A bad command-line flag, named in the message. */
export class UsageError extends OperatorError {}

/**
 * Parses host flags; unknown or malformed flags throw UsageError naming the flag.
 * `strict: false` ignores unknown flags (Electron's argv carries Chromium switches).
 */
export function parseHostOptions(argv: readonly string[], { strict = true }: { strict?: boolean } = {}): HostOptions {
  let parsed: Record<string, string | boolean | undefined>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict,
      allowPositionals: !strict,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // Without `strict`, a value flag given bare comes back as `true`; treat it as missing.
  const text = (name: string): string | undefined => {
    const value = parsed[name];
    if (value === true) throw new UsageError(`--${name} needs a value`);
    return typeof value === 'string' ? value : undefined;
  };
  const values = {
    port: text('port'),
    host: text('host'),
    'data-dir': text('data-dir'),
    config: text('config'),
    demo: parsed.demo === true,
    help: parsed.help === true,
  };
  const options: HostOptions = { demo: values.demo, help: values.help };
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65535)
      throw new UsageError(`--port must be 0..65535, got "${values.port}"`);
    options.port = Number(values.port);
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['data-dir'] !== undefined) options.dataDir = values['data-dir'];
  if (values.config !== undefined) options.configFile = values.config;
  return options;
}
