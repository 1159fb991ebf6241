/**
 * npm run bench:sync
 *
 * The console's sync against the real center through the link relay at 64 kbit/s and
 * 600 ms round trip (300 ms each way, no loss): a bulk backlog of photos (5 MB by default,
 * BENCH_BACKLOG_MB to change) is queued, and once it is flowing one flash message is
 * written. Measured: the flash message's delivery time, and payload goodput — payload
 * bytes the center holds / (link rate × time from queueing to the last byte held).
 *
 * Baseline, in the same run on a second relay with the same profile: one JSON HTTP POST per
 * record (files base64-encoded), first in first out over one keep-alive connection, the
 * flash message queued at the same moment behind the same backlog.
 *
 * The relay's rate cap counts application bytes (TCP/IP headers are not emulated), and
 * carries everything the console sends: path probes, polls, HTTP headers.
 * Last line: `goodput_ratio=… flash_ms=… baseline_goodput_ratio=… baseline_flash_ms=…`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImpairmentProfile } from '../fixtures/net/impairment';
import { LinkRelay } from '../fixtures/net/LinkRelay';
import type { LinkStatus } from '../protocol/links/linkStatus';
import { uuidv7 } from '../protocol/sync/uuid';
import { RIG_LINK, SyncRig, waitForAsync } from '../test/support/syncRig';
import { NaiveReceiver, NaiveSender } from './naiveSyncBaseline';
import { round } from './stats';

const RATE_KBPS = 64;
const PROFILE: ImpairmentProfile = { delayMs: 300, jitterMs: 0, lossPct: 0, rateKbps: RATE_KBPS };
const BACKLOG_BYTES = Math.round(Number(process.env.BENCH_BACKLOG_MB ?? 5) * 1024 * 1024);
const FILES = 5;
/** How much of the backlog is on its way before the flash message is written. */
const FLOWING_BYTES = 32 * 1024;
const FLASH_TEXT = '特急：3号桥桥墩冲毁，桥面下沉，禁止一切车辆通行，请立即通知后续车队绕行G107国道。';

const linkBytesPerMs = (RATE_KBPS * 1000) / 8 / 1000;
const log = (line: string) => console.log(`[bench:sync] ${line}`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcv-bench-sync-'));
  const rig = await SyncRig.start(dir, {
    profile: PROFILE,
    capacityKbps: RATE_KBPS,
    probe: { intervalMs: 2000, timeoutMs: 3000, downAfter: 3, upAfter: 1 },
  });
  const receiver = await NaiveReceiver.start();
  const baselineRelay = await LinkRelay.start({ profile: PROFILE, tcp: { target: { host: '127.0.0.1', port: receiver.port } } });
  const sender = new NaiveSender(baselineRelay.tcpPort);
  try {
    await waitForAsync(
      'the emulated link up',
      async () => (await rig.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up',
      30_000,
    );
    await waitForAsync('hello with the center', async () => (await rig.status()).lastContactAt !== null, 30_000);

    const fileBytes = Math.ceil(BACKLOG_BYTES / FILES);
    const files = Array.from({ length: FILES }, (_, i) => {
      const path = join(dir, `photo-${i + 1}.jpg`);
      const bytes = randomBytes(fileBytes);
      writeFileSync(path, bytes);
      return { path, bytes };
    });
    log(`link ${RATE_KBPS} kbit/s, ${PROFILE.delayMs * 2} ms RTT; backlog ${FILES} × ${fileBytes} B`);

    const started = Date.now();
    for (const file of files) {
      await rig.core.attachments.add({ sourcePath: file.path, mime: 'image/jpeg' });
      sender.push({
        id: uuidv7(),
        kind: 'attachment',
        payloadBytes: file.bytes.length,
        body: { name: file.path, mime: 'image/jpeg', data: file.bytes.toString('base64') },
      });
    }
    await waitForAsync(
      'the backlog flowing',
      async () => (await rig.status()).sending.some((s) => s.kind === 'attachment' && s.sent >= FLOWING_BYTES),
      120_000,
      50,
    );

    const flashAt = Date.now();
    await rig.send(FLASH_TEXT, 'flash');
    const baselineFlashId = uuidv7();
    sender.push({
      id: baselineFlashId,
      kind: 'message',
      payloadBytes: Buffer.byteLength(FLASH_TEXT),
      body: { priority: 'flash', text: FLASH_TEXT, latitude: 30.6586, longitude: 104.0648 },
    });
    await waitForAsync(
      'the flash message at the center',
      async () => (await rig.deskItems()).some((i) => i.body.text === FLASH_TEXT),
      120_000,
      20,
    );
    const flashMs = Date.now() - flashAt;
    log(`flash delivered in ${flashMs} ms behind the backlog`);

    const payload = FILES * fileBytes + Buffer.byteLength(FLASH_TEXT);
    const progress = setInterval(() => {
      void rig.status().then((status) => {
        const sent = status.sending.find((s) => s.kind === 'attachment');
        log(
          `${Math.round((Date.now() - started) / 1000)} s: console queue ${status.queue.reduce((n, l) => n + l.bytes, 0)} B${sent ? ` (sending ${sent.name} ${sent.sent}/${sent.bytes})` : ''}; baseline answered ${sender.answered.size}/${FILES + 1} records`,
        );
      });
    }, 30_000);
    const consoleDone = await waitForAsync(
      'every photo at the center',
      async () => ((await rig.deskItems()).filter((i) => i.kind === 'attachment').length === FILES ? Date.now() : undefined),
      3_600_000,
      500,
    );
    await sender.idle();
    clearInterval(progress);
    const baselineFlashMs = sender.answered.get(baselineFlashId)! - flashAt;
    const baselineDone = Math.max(...sender.answered.values());

    const goodput = payload / (linkBytesPerMs * (consoleDone - started));
    const baselineGoodput = payload / (linkBytesPerMs * (baselineDone - started));
    log(
      `console: ${payload} B in ${consoleDone - started} ms; relay carried up ${rig.relay.stats.bytesUp} B, down ${rig.relay.stats.bytesDown} B`,
    );
    log(`baseline: ${payload} B in ${baselineDone - started} ms; relay carried up ${baselineRelay.stats.bytesUp} B`);
    console.log(
      `goodput_ratio=${round(goodput, 3)} flash_ms=${flashMs} baseline_goodput_ratio=${round(baselineGoodput, 3)} baseline_flash_ms=${baselineFlashMs}`,
    );
  } finally {
    sender.close();
    await baselineRelay.close();
    await receiver.close();
    await rig.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
