/**
 * npm run bench:link-latency
 *
 * How long a new modem value takes to reach a client of the console: from the moment
 * the simulated modem writes the answer that carries it, through the pty, the AT
 * driver, the link hub and the WebSocket bridge, to the `links.status` event arriving
 * at a WebSocket client. Baseline, in the same run: the raw round trip of one line
 * over a socat pty pair (write, echo back, read). Last line:
 *   p50_ms=… p99_ms=… ratio=…   (ratio = console p99 / raw pty p99)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import WebSocket from 'ws';
import type { WsServerFrame } from '../protocol/api/wsFrames';
import type { LinkStatus } from '../protocol/links/linkStatus';
import { createCore } from '../main/core/createCore';
import { startHeadlessServer } from '../main/serve/httpServer';
import { CellularModemSimulator } from '../fixtures/devices/cellular/CellularModemSimulator';
import { PtyDevice, type DeviceSimulator } from '../fixtures/devices/PtyDevice';
import { percentile, round } from './stats';

const CONSOLE_SAMPLES = Number(process.env.BENCH_SAMPLES ?? 150);
const RAW_SAMPLES = 1000;
const dir = mkdtempSync(join(tmpdir(), 'mcv-bench-'));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Raw baseline: one short line out through a pty pair and echoed straight back. */
async function rawPtyRoundTrips(): Promise<number[]> {
  const echo: DeviceSimulator & { write?: (d: string | Buffer) => void } = { receive: (d) => echo.write?.(d), close: () => {} };
  const device = await PtyDevice.open(join(dir, 'echo.tty'), (write) => Object.assign(echo, { write }));
  const port = new SerialPort({ path: device.devicePath, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  const times: number[] = [];
  for (let i = 0; i < RAW_SAMPLES; i++) {
    const line = `+CSQ: ${i % 31},99\r\n`;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let got = '';
      const onData = (chunk: Buffer) => {
        got += chunk.toString();
        if (got.endsWith('\r\n')) {
          port.off('data', onData);
          resolve();
        }
      };
      port.on('data', onData);
      port.write(line);
    });
    times.push(performance.now() - started);
  }
  await new Promise<void>((resolve) => port.close(() => resolve()));
  await device.close();
  return times;
}

/** Console path: simulator answer written → links.status event at a WebSocket client. */
async function consoleLatencies(): Promise<number[]> {
  const device = await PtyDevice.open(
    join(dir, 'modem.tty'),
    (write) => new CellularModemSimulator({ write, initial: { technology: 'lte' } }),
  );
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ links: [{ id: 'cell-1', name: 'LTE-1', kind: 'cellular', port: device.devicePath, pollIntervalMs: 200 }] }),
  );
  process.env.MCV_LOG = 'silent';
  const core = await createCore({ host: 'headless', version: 'bench', hostOptions: { dataDir: dir, demo: false, help: false }, env: {} });
  const server = await startHeadlessServer({ core, rendererRoot: join(dir, 'no-renderer'), host: '127.0.0.1', port: 0 });
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api`, { origin: `http://127.0.0.1:${server.port}` });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

  let waitingFor: { value: number; resolve: (at: number) => void } | undefined;
  socket.on('message', (data) => {
    const at = performance.now();
    const frame = JSON.parse(data.toString()) as WsServerFrame;
    if (frame.type !== 'event' || frame.name !== 'links.status' || !waitingFor) return;
    if ((frame.data as LinkStatus).cellular?.rsrpDbm?.value === waitingFor.value) waitingFor.resolve(at);
  });
  let answeredAt: number | undefined;
  let armed = false;
  device.simulator.on('answered', (command, at) => {
    // The first answer written after the change that carries RSRP (CESQ, or QENG if the change fell between them).
    if (armed && (command === 'AT+CESQ' || command === 'AT+QENG="servingcell"') && answeredAt === undefined) answeredAt = at;
  });

  const latencies: number[] = [];
  for (let i = 0; i < CONSOLE_SAMPLES + 5; i++) {
    const value = -80 - (i % 2 === 0 ? i % 37 : 40 + (i % 17));
    answeredAt = undefined;
    const arrived = new Promise<number>((resolve) => (waitingFor = { value, resolve }));
    armed = true;
    device.simulator.set({ rsrpDbm: value });
    const at = await arrived;
    armed = false;
    if (i >= 5 && answeredAt !== undefined) latencies.push(at - answeredAt); // the first few warm up the JIT
    await sleep(Math.random() * 200);
  }
  socket.close();
  await server.close();
  await core.close();
  await device.close();
  return latencies;
}

const raw = await rawPtyRoundTrips();
const console_ = await consoleLatencies();
rmSync(dir, { recursive: true, force: true });

const rawP50 = percentile(raw, 50);
const rawP99 = percentile(raw, 99);
const p50 = percentile(console_, 50);
const p99 = percentile(console_, 99);
console.log(`raw pty round trip: ${raw.length} samples, p50 ${round(rawP50, 3)} ms, p99 ${round(rawP99, 3)} ms`);
console.log(
  `console (answer written → WebSocket event): ${console_.length} samples, p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(Math.max(...console_))} ms`,
);
console.log(`p50_ms=${round(p50)} p99_ms=${round(p99)} ratio=${round(p99 / rawP99, 1)}`);
process.exit(0);
