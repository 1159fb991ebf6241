import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IridiumSbdSimulator } from '../../fixtures/devices/iridium/IridiumSbdSimulator';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { GatewaySimulator } from '../../fixtures/iridium-gateway/GatewaySimulator';
import { IsuBridge } from '../../fixtures/iridium-gateway/IsuBridge';
import type { ConsoleConfigInput } from '../../protocol/config/consoleConfig';
import { runCenterCli, type CenterProcess } from './centerProcess';
import { SyncRig, type RigOptions } from './syncRig';

export const IRIDIUM_LINK = 'iridium-1';
const IMEI = '300434063219840';

/**
 * The Iridium side of a vehicle and its center: the 9603 simulator on a real pty (the
 * console's Iridium driver opens it), the gateway simulator bridged to it (each MO of a
 * successful session goes to the center as DirectIP MO; each MT the center sends is queued
 * for the modem, which rings), the center's `iridium.directIp` config, and the console's
 * Iridium link. `attach` joins a started center: the gateway learns its MO port and the
 * vehicle's IMEI is mapped.
 */
export interface IridiumSide {
  gateway: GatewaySimulator;
  device: PtyDevice<IridiumSbdSimulator>;
  bridge: IsuBridge;
  /** Arguments for the center process. */
  centerArgs: string[];
  link: NonNullable<ConsoleConfigInput['links']>[number];
  attach(center: CenterProcess): Promise<void>;
  close(): Promise<void>;
}

/** The center's `iridium.directIp` block for tests on loopback: MO on a port it picks, MT to `mtPort`. */
export function directIpCenterConfig(mtPort: number, rule: { quietSeconds: number; checkSeconds: number }): object {
  return {
    iridium: {
      directIp: {
        listen: { host: '127.0.0.1', port: 0 },
        allow: ['127.0.0.1'],
        timeoutMs: 1000,
        mt: { host: '127.0.0.1', port: mtPort, timeoutMs: 5000 },
        mtRule: { priorities: ['flash', 'immediate'], ...rule },
      },
    },
  };
}

/** `sessionMs`: how long the simulated satellite session takes (real units: 5–30 s; tests 150 ms). */
export async function startIridiumSide(dir: string, options: { sessionMs?: number } = {}): Promise<IridiumSide> {
  const gateway = await GatewaySimulator.start({ knownImeis: [IMEI] });
  const device = await PtyDevice.open(
    join(dir, 'iridium.tty'),
    (write) => new IridiumSbdSimulator({ write, chunked: true, initial: { imei: IMEI, sessionMs: options.sessionMs ?? 150, csqMs: 100 } }),
  );
  const bridge = new IsuBridge(device.simulator, gateway);
  const centerConfig = join(dir, 'center.json');
  // MT only to a vehicle quiet over IP for 3 s (the relay is down), checked twice a second.
  writeFileSync(centerConfig, JSON.stringify(directIpCenterConfig(gateway.mtPort, { quietSeconds: 3, checkSeconds: 0.5 })));
  return {
    gateway,
    device,
    bridge,
    centerArgs: ['--config', centerConfig],
    link: {
      id: IRIDIUM_LINK,
      name: 'Iridium 9603',
      kind: 'satellite-sbd',
      port: device.devicePath,
      pollIntervalMs: 1000,
      commandTimeoutMs: 1000,
      // Quick retries, so a test sees failed sessions retried in seconds, not minutes.
      moRetry: { randomMaxMs: [200, 200, 200], thenEveryMs: 200 },
    },
    async attach(center) {
      const port = /· DirectIP MO on (\d+)/.exec(center.output())?.[1];
      if (!port) throw new Error(`the center did not say its DirectIP MO port:\n${center.output()}`);
      gateway.center = { host: '127.0.0.1', port: Number(port) };
      const set = await runCenterCli(['vehicles', 'set', center.vehicleId, '--imei', IMEI, '--data-dir', center.dataDir]);
      if (set.code !== 0) throw new Error(`vehicles set --imei failed:\n${set.stdout}${set.stderr}`);
    },
    async close() {
      bridge.close();
      await device.close();
      await gateway.close();
    },
  };
}

/** The console core in-process (SyncRig: an IP link through the relay) with the Iridium side. */
export class IridiumRig {
  private constructor(
    readonly sync: SyncRig,
    readonly side: IridiumSide,
  ) {}

  get modem(): IridiumSbdSimulator {
    return this.side.device.simulator;
  }

  get bridge(): IsuBridge {
    return this.side.bridge;
  }

  static async start(dataDir: string, options: Pick<RigOptions, 'profile' | 'sync'> & { sessionMs?: number }): Promise<IridiumRig> {
    const side = await startIridiumSide(dataDir, options.sessionMs !== undefined ? { sessionMs: options.sessionMs } : {});
    const sync = await SyncRig.start(dataDir, {
      profile: options.profile,
      center: { args: side.centerArgs },
      ...(options.sync ? { sync: options.sync } : {}),
      links: [side.link],
    });
    await side.attach(sync.center);
    return new IridiumRig(sync, side);
  }

  async close(): Promise<void> {
    await this.sync.close();
    await this.side.close();
  }
}
