import { spawnSync } from 'node:child_process';
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import DatabaseConstructor from 'better-sqlite3';
import { OFFSET_MIME } from '../../../protocol/sync/attachments';
import { encodeCbor, encodeItem } from '../../../protocol/sync/codec';
import { DeskVehiclesResponse } from '../../../protocol/sync/desk';
import { HelloResponse } from '../../../protocol/sync/exchange';
import { CBOR_MIME, DESK_PATHS, SYNC_PATHS } from '../../../protocol/sync/http';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { runCenterCli, startCenter, type CenterProcess } from '../../support/centerProcess';
import { fillDisk, mountTmpfs } from '../../support/tmpfs';
import { useTempDirs } from '../../support/tempDir';
import { bearer, call, cborOf, desk, errorOf, exchangeOk, json, postExchange } from './centerHttp';

/** How the real center starts (TLS, plain HTTP rules) and how it refuses to, in one line and exit code 1. */

const tempDir = useTempDirs();
const centers: CenterProcess[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

async function start(...args: Parameters<typeof startCenter>): Promise<CenterProcess> {
  const center = await startCenter(...args);
  centers.push(center);
  return center;
}

/** Runs `serve` expecting a refusal: exit 1 and exactly one line (no stack). */
async function refusal(args: string[]): Promise<string> {
  const run = await runCenterCli(['serve', '--port', '0', '--echo-port', '0', ...args]);
  expect(run.code, run.stdout + run.stderr).toBe(1);
  const lines = `${run.stdout}${run.stderr}`.trim().split('\n');
  expect(lines, lines.join('\n')).toHaveLength(1);
  return lines[0]!;
}

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;

describe('center startup', () => {
  it.skipIf(!hasOpenssl)('speaks HTTPS with a certificate and key', async () => {
    const dir = tempDir();
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=localhost',
        '-days',
        '1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    expect(made.status, made.stderr).toBe(0);
    const cert = readFileSync(join(dir, 'cert.pem'));
    const center = await start({ echo: false, args: ['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')] });
    expect(center.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const hello = await call(center.url, SYNC_PATHS.hello, { headers: bearer(center.vehicleToken), ca: cert });
    expect(hello.status).toBe(200);
    expect(HelloResponse.parse(cborOf(hello)).vehicleId).toBe(center.vehicleId);
    // The certificate it presents is the one it was given.
    const presented = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: center.port, servername: 'localhost', ca: cert }, () => {
        resolve(socket.getPeerCertificate().fingerprint256);
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(presented).toBe(new X509Certificate(cert).fingerprint256);
    await expect(call(center.url.replace('https:', 'http:'), '/healthz')).rejects.toThrow();
  });
  if (!hasOpenssl) console.log('skipped the TLS test: the openssl CLI is missing (apt-get install openssl)');

  it('refuses plain HTTP beyond loopback without allowPlain, and half a TLS pair or an unreadable certificate', async () => {
    const dataDir = tempDir();
    expect(await refusal(['--host', '0.0.0.0', '--data-dir', dataDir])).toMatch(/^Refusing plain HTTP on 0\.0\.0\.0: .*--allow-plain/);
    expect(await refusal(['--tls-cert', join(dataDir, 'cert.pem'), '--data-dir', dataDir])).toContain('TLS needs both');
    const missing = join(dataDir, 'missing.pem');
    expect(await refusal(['--tls-cert', missing, '--tls-key', missing, '--data-dir', dataDir])).toBe(
      `Cannot read the TLS certificate ${missing} (ENOENT).`,
    );
    writeFileSync(join(dataDir, 'junk.pem'), 'not a certificate');
    expect(await refusal(['--tls-cert', join(dataDir, 'junk.pem'), '--tls-key', join(dataDir, 'junk.pem'), '--data-dir', dataDir])).toMatch(
      /TLS certificate .*junk\.pem .*not usable/,
    );
  });

  it('names the bad key of a config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'center.json'), JSON.stringify({ port: 'seven', echoPort: 0 }));
    expect(await refusal(['--config', join(dir, 'center.json')])).toMatch(/^Config file .*center\.json: port: /);
  });

  it('refuses a port in use, a second center on the same data, and a damaged database, naming each', async () => {
    const center = await start({ echo: false });
    expect(await refusal(['--data-dir', center.dataDir])).toContain('another MCV center is already running on this data directory');

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      expect(await refusal(['--data-dir', tempDir(), '--port', String(port)])).toBe(
        `The HTTP port ${port} on 127.0.0.1 is already in use; choose another with --port.`,
      );
    } finally {
      blocker.close();
    }

    const damaged = tempDir();
    writeFileSync(join(damaged, 'center.db'), Buffer.alloc(8192, 'not sqlite'));
    expect(await refusal(['--data-dir', damaged])).toMatch(new RegExp(`^Database ${join(damaged, 'center.db')}: the file is damaged`));
    const cli = await runCenterCli(['vehicles', 'list', '--data-dir', damaged]);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toContain('the file is damaged');
  });
});

describe('center on a full or read-only disk', () => {
  it('answers 507 with nothing changed, stays consistent, and takes the same exchange once space is back', async (context) => {
    const tmpfs = mountTmpfs(8 * 1024);
    if ('skip' in tmpfs) {
      console.log(`skipped the disk-full test: ${tmpfs.skip}`);
      context.skip();
      return;
    }
    try {
      const dataDir = join(tmpfs.dir, 'data');
      mkdirSync(dataDir);
      const center = await startCenter({ dataDir, echo: false });
      try {
        const now = Math.floor(Date.now() / 1000) * 1000;
        const message = (seq: number) =>
          encodeItem({
            kind: 'message',
            seq,
            id: uuidv7(),
            priority: 'routine',
            createdAt: now,
            body: { text: `报告 ${seq} `.repeat(150) },
          });
        expect((await exchangeOk(center.url, center.vehicleToken, { v: 1, items: [message(1)], downAck: 0 })).ack).toBe(1);
        const view = async () =>
          DeskVehiclesResponse.parse(json(await desk(center.url, center.staffToken, DESK_PATHS.vehicles))).vehicles[0]!;
        const file = randomBytes(1024 * 1024);
        const attachmentId = uuidv7();
        const created = await call(center.url, SYNC_PATHS.attachments, {
          method: 'POST',
          headers: { ...bearer(center.vehicleToken), 'content-type': CBOR_MIME },
          body: encodeCbor({
            attachmentId,
            size: file.length,
            sha256: createHash('sha256').update(file).digest('hex'),
            name: 'scan.pdf',
            mime: 'application/pdf',
          }),
        });
        expect(created.status).toBe(201);
        const patch = (offset: number, body: Buffer) =>
          call(center.url, `${SYNC_PATHS.attachments}/${attachmentId}`, {
            method: 'PATCH',
            headers: { ...bearer(center.vehicleToken), 'content-type': OFFSET_MIME, 'upload-offset': String(offset) },
            body,
          });
        const offsetNow = async () =>
          Number(
            (await call(center.url, `${SYNC_PATHS.attachments}/${attachmentId}`, { method: 'HEAD', headers: bearer(center.vehicleToken) }))
              .headers['upload-offset'],
          );

        const before = await view();
        const filler = fillDisk(tmpfs.dir);
        const request = { v: 1 as const, items: Array.from({ length: 40 }, (_, i) => message(i + 2)), downAck: 0 };
        const full = await postExchange(center.url, center.vehicleToken, request);
        expect(full.status).toBe(507);
        expect(errorOf(full).code).toBe('store-full');
        expect(await view()).toEqual(before);

        const db = new DatabaseConstructor(join(dataDir, 'center.db'), { readonly: true });
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect((db.prepare('SELECT COUNT(*) AS n FROM uplink_items').get() as { n: number }).n).toBe(1);
        db.close();

        const upload = await patch(0, file);
        expect(upload.status).toBe(507);
        expect(errorOf(upload).code).toBe('store-full');
        const held = await offsetNow();
        expect(held).toBeLessThan(file.length);
        expect(statSync(join(dataDir, 'attachments', center.vehicleId, `${attachmentId}.part`)).size).toBeGreaterThanOrEqual(held);

        rmSync(filler);
        const after = await exchangeOk(center.url, center.vehicleToken, request);
        expect(after.ack).toBe(41);
        expect((await view()).itemCount).toBe(41);
        expect((await patch(held, file.subarray(held))).status).toBe(200);
        expect(
          createHash('sha256')
            .update(readFileSync(join(dataDir, 'attachments', center.vehicleId, attachmentId)))
            .digest('hex'),
        ).toBe(createHash('sha256').update(file).digest('hex'));
      } finally {
        await center.stop();
      }
    } finally {
      tmpfs.unmount();
    }
  });

  it('refuses a database on a read-only file system, naming the file', async (context) => {
    const tmpfs = mountTmpfs(4 * 1024);
    if ('skip' in tmpfs) {
      console.log(`skipped the read-only test: ${tmpfs.skip}`);
      context.skip();
      return;
    }
    try {
      const dataDir = join(tmpfs.dir, 'data');
      expect((await runCenterCli(['vehicles', 'add', 'MCV-07', '--data-dir', dataDir])).code).toBe(0);
      expect(spawnSync('mount', ['-o', 'remount,ro', tmpfs.dir]).status).toBe(0);
      expect(await refusal(['--data-dir', dataDir])).toMatch(
        new RegExp(`^Database ${join(dataDir, 'center.db')}: the file or its folder cannot be written`),
      );
    } finally {
      tmpfs.unmount();
    }
  });
});
