import { fork } from 'node:child_process';
import type { SimulatorProcess, SimulatorSpawner } from './demoVehicle';

/** Runs the simulator CLI (a built script) as a Node child with an IPC channel; it exits with us. */
export function forkSimulatorSpawner(script: string): SimulatorSpawner {
  return (args) => {
    const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
      child.on('message', (message: unknown) => {
        if ((message as { type?: unknown } | null)?.type === 'ready') resolve(message as Record<string, unknown>);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`simulator exited (${code ?? 'signal'}) before it was ready: ${args.join(' ')}`)));
    });
    ready.catch(() => {});
    const process: SimulatorProcess = {
      ready,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      },
    };
    return process;
  };
}
