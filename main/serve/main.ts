import { fileURLToPath } from 'node:url';
import { HOST_USAGE, parseHostOptions, UsageError } from '../core/config/hostOptions';
import { createCore } from '../core/createCore';
import { configLocationLine, SUPPORTED_BROWSERS } from '../core/config/startupHints';
import { forkSimulatorSpawner } from '../core/demo/forkSimulator';
import { describeStartupFailure } from '../../platform/startupFailure';
import { PRODUCT_VERSION } from '../../platform/version';
import { startHeadlessServer } from './httpServer';

/**
 * The headless host: the console core plus HTTP/WebSocket, for a vehicle mini-PC
 * without a screen, extra laptops, and tests. Composition root; no logic of its own.
 */
async function main(argv: string[]): Promise<void> {
  const hostOptions = parseHostOptions(argv);
  if (hostOptions.help) {
    console.log(`npm run serve -- [options]\n\n${HOST_USAGE}`);
    return;
  }
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const core = await createCore({
    host: 'headless',
    version: PRODUCT_VERSION,
    hostOptions,
    spawnSimulator: forkSimulatorSpawner(here('../sim/cli.js')),
  });
  let server;
  try {
    const { config } = core.resolved;
    server = await startHeadlessServer({
      core,
      rendererRoot: here('../renderer'),
      host: hostOptions.host ?? config.server.host,
      port: hostOptions.port ?? config.server.port,
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  // Stop cleanly from the moment anyone can know the URL: a supervisor may send SIGTERM as soon as it reads it.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  console.log(`MCV Console ${PRODUCT_VERSION} (headless) is running: open ${server.url} in ${SUPPORTED_BROWSERS}`);
  console.log(configLocationLine(core.resolved));
  if (!['127.0.0.1', 'localhost', '::1'].includes(hostOptions.host ?? core.resolved.config.server.host)) {
    console.warn('Warning: listening beyond this machine with no sign-in; anyone who can reach this address can use the console.');
  }
  if (core.demo) {
    console.log("  the demo vehicle's simulators take commands: npm run sim -- ctl <socket> help");
    for (const control of core.demo.controls) console.log(`    ${control.key}: ${control.socket}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const { line, known } = describeStartupFailure(error);
  if (known) {
    console.error(line);
    if (error instanceof UsageError) console.error(`\n${HOST_USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
