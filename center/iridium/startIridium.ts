import { createLogger } from '../../platform/log/logger';
import type { DirectIpConfig } from '../../protocol/sbd/iridiumConfig';
import type { IncidentPublisherDeps } from '../feed/incidentPublishers';
import { DirectIpMoListener } from './DirectIpMoListener';
import { ingestMo } from './moIngest';
import { MtDispatcher } from './MtDispatcher';

export interface RunningIridium {
  /** The MO listener's port (the configured one, or the one picked for 0). */
  moPort: number;
  /** One line for the startup log. */
  describe: string;
  close(): Promise<void>;
}

/**
 * The center's Iridium gateway side (config `iridium.directIp`): the MO listener whose
 * items go through the exchange's unit of work, and, when `mt` is configured, the MT
 * dispatcher. Everything it refuses is logged by the listener with its reason.
 */
export async function startIridium(
  config: { directIp: DirectIpConfig },
  deps: Omit<IncidentPublisherDeps, 'log'>,
): Promise<RunningIridium> {
  const { directIp } = config;
  const log = createLogger('iridium');
  const ingestDeps = { ...deps, log };
  const listener = await DirectIpMoListener.start({
    host: directIp.listen.host,
    port: directIp.listen.port,
    allow: directIp.allow,
    timeoutMs: directIp.timeoutMs,
    onMessage: (message, source) => ingestMo(ingestDeps, message, source),
    log,
  });
  const mt = directIp.mt;
  const dispatcher = mt
    ? new MtDispatcher({
        store: deps.store,
        gateway: { host: mt.host, port: mt.port, timeoutMs: mt.timeoutMs },
        rule: directIp.mtRule,
        log,
      })
    : undefined;
  dispatcher?.start();
  const mtLine = mt
    ? `MT to ${mt.host}:${mt.port} for ${directIp.mtRule.priorities.join('/')} items of vehicles quiet for ${directIp.mtRule.quietSeconds} s`
    : 'no MT (iridium.directIp.mt not set)';
  return {
    moPort: listener.port,
    describe: `DirectIP MO on ${directIp.listen.host}:${listener.port} from ${directIp.allow.join(', ')}; ${mtLine}`,
    async close() {
      await dispatcher?.close();
      await listener.close();
      const { taken, refused, notAllowed } = listener.stats;
      log.info(`DirectIP MO: ${taken} taken, ${refused} refused, ${notAllowed} from sources not allowed`);
    },
  };
}
