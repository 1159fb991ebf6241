import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IridiumSbdSimulator } from '../../fixtures/devices/iridium/IridiumSbdSimulator';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { GatewaySimulator } from '../../fixtures/iridium-gateway/GatewaySimulator';
import { IsuBridge } from '../../fixtures/iridium-gateway/IsuBridge';
import { runCenterCli } from './centerProcess';
import { SyncRig, type RigOptions } from './syncRig';

export const IRIDIUM_LINK = 'iridium-1';
const IMEI = '300434063219840';

/**
 * A vehicle with an IP link through the relay and an Iridium transceiver, and its center
 * with a DirectIP gateway: the 9603 simulator on a real pty (the console's Iridium driver
 * opens it), the gateway simulator bridged to it (each MO of a successful session goes
 * to the center as DirectIP MO; each MT the center sends is queued for the modem, which
 * rings), and the real center with `iridium.directIp` and the vehicle's IMEI mapped.
 */
export class IridiumRig {
  private constructor(
    readonly sync: SyncRig,
    readonly device: PtyDevice<IridiumSbdSimulator>,
    readonly gateway: GatewaySimulator,
    readonly bridge: IsuBridge,
  ) {}

  get modem(): IridiumSbdSimulator {
    return this.device.simulator;
  }

  static async start(dataDir: string, options: Pick<RigOptions, 'profile' | 'sync'>): Promise<IridiumRig> {
    const gateway = await GatewaySimulator.start({ knownImeis: [IMEI] });
    const device = await PtyDevice.open(
      join(dataDir, 'iridium.tty'),
      (write) => new IridiumSbdSimulator({ write, chunked: true, initial: { imei: IMEI, sessionMs: 150, csqMs: 100 } }),
    );
    const bridge = new IsuBridge(device.simulator, gateway);
    const centerConfig = join(dataDir, 'center.json');
    writeFileSync(
      centerConfig,
      JSON.stringify({
        iridium: {
          directIp: {
            listen: { host: '127.0.0.1', port: 0 },
            allow: ['127.0.0.1'],
            timeoutMs: 1000,
            mt: { host: '127.0.0.1', port: gateway.mtPort, timeoutMs: 5000 },
            // MT only to a vehicle quiet over IP for 3 s (the relay is down), checked twice a second.
            mtRule: { priorities: ['flash', 'immediate'], quietSeconds: 3, checkSeconds: 0.5 },
          },
        },
      }),
    );
    const sync = await SyncRig.start(dataDir, {
      profile: options.profile,
      center: { args: ['--config', centerConfig] },
      ...(options.sync ? { sync: options.sync } : {}),
      links: [
        {
          id: IRIDIUM_LINK,
          name: 'Iridium 9603',
          kind: 'satellite-sbd',
          port: device.devicePath,
          pollIntervalMs: 1000,
          commandTimeoutMs: 1000,
          // Quick retries, so a test sees failed sessions retried in seconds, not minutes.
          moRetry: { randomMaxMs: [200, 200, 200], thenEveryMs: 200 },
        },
      ],
    });
    const port = /· DirectIP MO on (\d+)/.exec(sync.center.output())?.[1];
    if (!port) throw new Error(`the center did not say its DirectIP MO port:\n${sync.center.output()}`);
    gateway.center = { host: '127.0.0.1', port: Number(port) };
    const set = await runCenterCli(['vehicles', 'set', sync.center.vehicleId, '--imei', IMEI, '--data-dir', sync.center.dataDir]);
    if (set.code !== 0) throw new Error(`vehicles set --imei failed:\n${set.stdout}${set.stderr}`);
    return new IridiumRig(sync, device, gateway, bridge);
  }

  async close(): Promise<void> {
    await this.sync.close();
    this.bridge.close();
    await this.device.close();
    await this.gateway.close();
  }
}
