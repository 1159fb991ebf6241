// Tile serving: random tile requests over a zoom pyramid through the headless host's HTTP
// handler (the built host, its own process, keep-alive client with a few requests in
// flight, as a browser loads a map), against direct better-sqlite3 reads of the same tiles
// from the same file in this process, in the same run. Also a bare node:http server that
// answers the same bytes from memory with the same client: the floor of any HTTP path.
// Last line: tiles_per_s=… p99_ms=… ratio=… (ratio = HTTP tiles/s ÷ direct reads/s).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHost } from '../test/support/headlessHost';
import { writeTestMbtiles } from '../test/support/testMbtiles';
import { driveRaw } from './rawHttpDriver';
import { percentile, round } from './stats';

const REQUESTS = Number(process.env.BENCH_TILES_REQUESTS ?? 5000);
const IN_FLIGHT = 6; // what a browser opens per host
const WARMUP = 300;

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`${path}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Requests every path with IN_FLIGHT at a time; answers tiles/s and each request's latency (ms). */
async function drive(port: number, paths: readonly string[]): Promise<{ perSecond: number; latencies: number[] }> {
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const started = performance.now();
      await get(agent, port, path);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: paths.length / seconds, latencies };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcv-bench-tiles-'));
  try {
    mkdirSync(join(dir, 'maps'));
    const file = join(dir, 'maps', 'bench.mbtiles');
    const { tiles } = await writeTestMbtiles(file, { spanDeg: 0.2, minzoom: 10, maxzoom: 15 });
    const pick = () => tiles[Math.floor(Math.random() * tiles.length)]!.split('/').map(Number) as [number, number, number];
    const sample = Array.from({ length: REQUESTS }, pick);
    console.log(`pyramid: ${tiles.length} tiles, zooms 10–15; ${REQUESTS} random requests, ${IN_FLIGHT} in flight`);

    // Direct: the same tiles, the same file, a prepared statement in this process.
    const db = new Database(file, { readonly: true });
    const read = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?').pluck();
    const readAll = () => {
      let bytes = 0;
      for (const [z, x, y] of sample) bytes += (read.get(z, x, 2 ** z - 1 - y) as Buffer).length;
      return bytes;
    };
    readAll();
    const directStart = performance.now();
    readAll();
    const directPerSecond = sample.length / ((performance.now() - directStart) / 1000);
    const bytesByPath = new Map(sample.map(([z, x, y]) => [`${z}/${x}/${y}`, read.get(z, x, 2 ** z - 1 - y) as Buffer]));
    db.close();

    // The floor of any HTTP path: the same bytes from memory.
    const bare = createServer((req, res) => {
      const body = bytesByPath.get(req.url!.slice('/tiles/bench/'.length))!;
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const barePort = (bare.address() as AddressInfo).port;
    const paths = sample.map(([z, x, y]) => `/tiles/bench/${z}/${x}/${y}`);
    await driveRaw(barePort, paths.slice(0, WARMUP), IN_FLIGHT);
    const floor = await driveRaw(barePort, paths, IN_FLIGHT);
    const floorNodeClient = await drive(barePort, paths);
    bare.close();

    const host = await startHost(['--port', '0', '--data-dir', dir]);
    try {
      await driveRaw(host.port, paths.slice(0, WARMUP), IN_FLIGHT);
      const served = await driveRaw(host.port, paths, IN_FLIGHT);
      const servedNodeClient = await drive(host.port, paths);
      const p50 = percentile(served.latencies, 50);
      const p99 = percentile(served.latencies, 99);
      console.log(`direct better-sqlite3 reads: ${Math.round(directPerSecond)} tiles/s`);
      console.log(
        `bare node:http from memory: ${Math.round(floor.perSecond)} tiles/s, p50 ${round(percentile(floor.latencies, 50))} ms, p99 ${round(percentile(floor.latencies, 99))} ms`,
      );
      console.log(`headless host /tiles/: ${Math.round(served.perSecond)} tiles/s, p50 ${round(p50)} ms, p99 ${round(p99)} ms`);
      console.log(`host vs bare HTTP floor: ${round(served.perSecond / floor.perSecond)}`);
      console.log(
        `with node:http's client instead (it costs more CPU than the server): bare ${Math.round(floorNodeClient.perSecond)} tiles/s, host ${Math.round(servedNodeClient.perSecond)} tiles/s, host p99 ${round(percentile(servedNodeClient.latencies, 99))} ms`,
      );
      console.log(`tiles_per_s=${Math.round(served.perSecond)} p99_ms=${round(p99)} ratio=${round(served.perSecond / directPerSecond, 3)}`);
    } finally {
      await host.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
