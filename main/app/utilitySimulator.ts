import { utilityProcess } from 'electron';
import type { SimulatorProcess, SimulatorSpawner } from '../core/demo/demoVehicle';

/**
 * Demo simulators under Electron run as utility processes: Electron's own Node
 * children, which need no `RunAsNode` fuse and end with the app.
 */
export function utilitySimulatorSpawner(script: string): SimulatorSpawner {
  return (args) => {
    const child = utilityProcess.fork(script, args, { stdio: 'inherit', serviceName: 'MCV demo simulator' });
    const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
      child.on('message', (message: unknown) => {
        if ((message as { type?: unknown } | null)?.type === 'ready') resolve(message as Record<string, unknown>);
      });
      child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before it was ready: ${args.join(' ')}`)));
    });
    ready.catch(() => {});
    const process: SimulatorProcess = { ready, kill: () => void child.kill() };
    return process;
  };
}
