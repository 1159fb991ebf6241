import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GatewaySimulator } from '../../../fixtures/iridium-gateway/GatewaySimulator';
import { directIpCenterConfig } from '../../support/iridiumRig';
import { runCenterCli, startCenter, type CenterProcess, type StartCenterOptions } from '../../support/centerProcess';

export interface DirectIpRig {
  center: CenterProcess;
  gateway: GatewaySimulator;
  dispose(): Promise<number | null>;
}

/**
 * The real center with `iridium.directIp` on loopback (MO port picked by the center, MT to
 * the gateway simulator, MT rule checked every 0.3 s for vehicles quiet for 0 s) and its
 * vehicle mapped to `imei`.
 */
export async function startDirectIpRig(
  imei: string,
  knownImeis: readonly string[] = [imei],
  centerOptions: Omit<StartCenterOptions, 'args'> = {},
): Promise<DirectIpRig> {
  const gateway = await GatewaySimulator.start({ knownImeis });
  const configDir = mkdtempSync(join(tmpdir(), 'mcv-directip-'));
  const config = directIpCenterConfig(gateway.mtPort, { quietSeconds: 0, checkSeconds: 0.3 });
  writeFileSync(join(configDir, 'center.json'), JSON.stringify(config));
  const center = await startCenter({ ...centerOptions, args: ['--config', join(configDir, 'center.json')] });
  // The "listening" line ends with the MO port (the log line before it names host:port).
  const port = /· DirectIP MO on (\d+)/.exec(center.output())?.[1];
  if (!port) throw new Error(`the center did not say its DirectIP MO port:\n${center.output()}`);
  gateway.center = { host: '127.0.0.1', port: Number(port) };
  const set = await runCenterCli(['vehicles', 'set', center.vehicleId, '--imei', imei, '--data-dir', center.dataDir]);
  if (set.code !== 0) throw new Error(`vehicles set --imei failed:\n${set.stdout}${set.stderr}`);
  return {
    center,
    gateway,
    async dispose() {
      const code = await center.stop();
      await center.dispose();
      await gateway.close();
      rmSync(configDir, { recursive: true, force: true });
      return code;
    },
  };
}
