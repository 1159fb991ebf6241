import { SerialPort } from 'serialport';

export interface ListedPort {
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
}

/**
 * The machine's serial ports, for setting up devices. On Linux node-serialport asks
 * `udevadm`; without it (minimal images) listing fails — the answer then says why and
 * nothing else is affected: drivers open ports by path and never need the list.
 */
export async function listSerialPorts(): Promise<{ ports: ListedPort[]; error?: string }> {
  try {
    const ports = await SerialPort.list();
    return {
      ports: ports.map((p) => {
        const port: ListedPort = { path: p.path };
        for (const key of ['manufacturer', 'vendorId', 'productId', 'serialNumber'] as const) {
          const value = p[key];
          if (typeof value === 'string' && value !== '') port[key] = value.slice(0, 100);
        }
        return port;
      }),
    };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const hint = /udevadm|ENOENT/i.test(text) ? ' (on Linux this needs udevadm: apt-get install udev)' : '';
    return { ports: [], error: `cannot list serial ports: ${text.slice(0, 300)}${hint}` };
  }
}
