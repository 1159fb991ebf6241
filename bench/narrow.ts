/**
 * npm run bench:narrow
 *
 * Sync over the narrowest links, with the real console core and the real center.
 *
 * Iridium SBD: every IP link down; a flash message of 70 Chinese characters with position
 * goes through the console's Iridium driver on a pty, the 9603 simulator (each session
 * takes BENCH_SBD_SESSION_MS, default 10 s — real sessions take 5–30 s), the gateway
 * simulator and the center's DirectIP listener. Measured: the MO payload's bytes (≤ 340),
 * the time from writing it to the center holding it, and the copies the center holds
 * after IP returns and the item goes again (duplicates must be 0).
 *
 * HF data: the relay's `hf-data` profile (2.4 kbit/s, ≈3 s round trip, bursty loss; the
 * rate cap counts every application byte: probes, HTTP, items); 200 short messages queued
 * at once, and a flash message written once the first ones are held. Measured: goodput
 * (message text bytes the center holds ÷ (link rate × time from queueing to the last one
 * held)) and the flash message's delivery time. Baseline in the same run on a second relay
 * with the same profile: one JSON HTTP POST per message, first in first out.
 *
 * Last line: `sbd_mo_bytes=… sbd_flash_ms=… sbd_duplicates=… hf_goodput_ratio=… hf_flash_ms=… baseline_hf_goodput_ratio=… baseline_hf_flash_ms=…`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROFILES } from '../fixtures/net/impairment';
import { LinkRelay } from '../fixtures/net/LinkRelay';
import type { LinkStatus } from '../protocol/links/linkStatus';
import { uuidv7 } from '../protocol/sync/uuid';
import { IRIDIUM_LINK, IridiumRig } from '../test/support/iridiumRig';
import { RIG_LINK, SyncRig, waitForAsync } from '../test/support/syncRig';
import { NaiveReceiver, NaiveSender } from './naiveSyncBaseline';
import { round } from './stats';

const log = (line: string) => console.log(`[bench:narrow] ${line}`);
const SBD_TEXT = '北川县城道路塌方，车辆无法通行，伤员三名需要直升机转运，请求工程机械支援。'.padEnd(70, '援');
const SESSION_MS = Number(process.env.BENCH_SBD_SESSION_MS ?? 10_000);
const BACKLOG = Number(process.env.BENCH_HF_MESSAGES ?? 200);
const HF_FLASH = '特急：3号桥桥墩冲毁，禁止车辆通行';
const HF_RATE_BYTES_PER_MS = (PROFILES['hf-data'].rateKbps * 1000) / 8 / 1000;

const linkState = async (rig: SyncRig, id: string) => (await rig.call<LinkStatus[]>('links.list')).find((l) => l.id === id)?.state;

async function sbd(dir: string): Promise<{ bytes: number; flashMs: number; duplicates: number }> {
  const rig = await IridiumRig.start(dir, { profile: 'satellite', sessionMs: SESSION_MS });
  const r = rig.sync;
  try {
    await waitForAsync('the first hello', async () => (await r.status()).centerVehicleName !== null, 60_000);
    await waitForAsync('the Iridium link up', async () => (await linkState(r, IRIDIUM_LINK)) === 'up', 60_000);
    r.relay.setProfile('down');
    await waitForAsync('the IP link down', async () => (await linkState(r, RIG_LINK)) === 'down', 60_000);
    const writtenAt = Date.now();
    await r.send(SBD_TEXT, 'flash');
    await waitForAsync(
      'the flash message at the center by SBD',
      async () => (await r.deskItems()).some((i) => i.body.text === SBD_TEXT),
      300_000,
      50,
    );
    const flashMs = Date.now() - writtenAt;
    const bytes = rig.modem.gateway.delivered.at(-1)?.length ?? 0;
    log(`SBD: ${bytes} B payload, at the center ${flashMs} ms after writing (sessions of ${SESSION_MS} ms)`);
    r.relay.setProfile('satellite');
    await waitForAsync('confirmed over IP', async () => ((await r.status()).sbd?.awaitingConfirmation === 0 ? true : undefined), 120_000);
    const copies = (await r.deskItems()).filter((i) => i.body.text === SBD_TEXT).length;
    return { bytes, flashMs, duplicates: copies - 1 };
  } finally {
    await rig.close();
  }
}

const backlogText = (i: number) => `巡查点${i + 1}：水位正常，堤防无渗漏`;

async function hf(dir: string): Promise<{ goodput: number; flashMs: number; baselineGoodput: number; baselineFlashMs: number }> {
  const rig = await SyncRig.start(dir, {
    profile: 'hf-data',
    capacityKbps: PROFILES['hf-data'].rateKbps,
    // Probes as a deployment would set them on HF: rare, patient (each costs bytes of the link).
    probe: { intervalMs: 10_000, timeoutMs: 8000, downAfter: 3, upAfter: 1 },
  });
  const receiver = await NaiveReceiver.start();
  const baselineRelay = await LinkRelay.start({ profile: 'hf-data', tcp: { target: { host: '127.0.0.1', port: receiver.port } } });
  const sender = new NaiveSender(baselineRelay.tcpPort);
  try {
    // 3 s round trips and bursty loss: the link is usually degraded, not up; both carry sync.
    await waitForAsync('the HF link usable', async () => ['up', 'degraded'].includes((await linkState(rig, RIG_LINK)) ?? ''), 120_000);
    await waitForAsync('hello with the center', async () => (await rig.status()).lastContactAt !== null, 120_000);
    const texts = Array.from({ length: BACKLOG }, (_, i) => backlogText(i));
    const started = Date.now();
    for (const text of texts) {
      await rig.send(text, 'priority');
      sender.push({ id: uuidv7(), kind: 'message', payloadBytes: Buffer.byteLength(text), body: { priority: 'priority', text } });
    }
    const held = async () => (await rig.deskItems()).filter((i) => i.kind === 'message').length;
    await waitForAsync('the backlog flowing', async () => ((await held()) >= 10 ? true : undefined), 600_000, 200);
    const flashAt = Date.now();
    await rig.send(HF_FLASH, 'flash');
    const baselineFlashId = uuidv7();
    sender.push({
      id: baselineFlashId,
      kind: 'message',
      payloadBytes: Buffer.byteLength(HF_FLASH),
      body: { priority: 'flash', text: HF_FLASH },
    });
    await waitForAsync(
      'the flash message at the center',
      async () => (await rig.deskItems()).some((i) => i.body.text === HF_FLASH),
      600_000,
      50,
    );
    const flashMs = Date.now() - flashAt;
    log(`HF: flash held ${flashMs} ms after writing, behind the backlog (round trip ≈ ${PROFILES['hf-data'].delayMs * 2} ms)`);
    const done = await waitForAsync(
      'the whole backlog held',
      async () => ((await held()) === BACKLOG + 1 ? Date.now() : undefined),
      3_600_000,
      200,
    );
    const payload = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) + Buffer.byteLength(HF_FLASH);
    log(
      `HF console: all ${BACKLOG + 1} held after ${done - started} ms (goodput ${round(payload / (HF_RATE_BYTES_PER_MS * (done - started)), 3)}); waiting for the baseline`,
    );
    await sender.idle();
    const baselineDone = Math.max(...sender.answered.values());
    log(
      `HF console: ${payload} B of text in ${done - started} ms; relay carried up ${rig.relay.stats.bytesUp} B, down ${rig.relay.stats.bytesDown} B`,
    );
    log(`HF baseline: ${baselineDone - started} ms; relay carried up ${baselineRelay.stats.bytesUp} B`);
    return {
      goodput: payload / (HF_RATE_BYTES_PER_MS * (done - started)),
      flashMs,
      baselineGoodput: payload / (HF_RATE_BYTES_PER_MS * (baselineDone - started)),
      baselineFlashMs: sender.answered.get(baselineFlashId)! - flashAt,
    };
  } finally {
    sender.close();
    await baselineRelay.close();
    await receiver.close();
    await rig.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mcv-bench-narrow-'));
  try {
    for (const part of ['sbd', 'hf']) mkdirSync(join(dir, part));
    // BENCH_NARROW_ONLY=hf or =sbd runs one half (the other's figures print as 0).
    const only = process.env.BENCH_NARROW_ONLY;
    const s = only === 'hf' ? { bytes: 0, flashMs: 0, duplicates: 0 } : await sbd(join(dir, 'sbd'));
    const h = only === 'sbd' ? { goodput: 0, flashMs: 0, baselineGoodput: 0, baselineFlashMs: 0 } : await hf(join(dir, 'hf'));
    console.log(
      `sbd_mo_bytes=${s.bytes} sbd_flash_ms=${s.flashMs} sbd_duplicates=${s.duplicates} hf_goodput_ratio=${round(h.goodput, 3)} hf_flash_ms=${h.flashMs} baseline_hf_goodput_ratio=${round(h.baselineGoodput, 3)} baseline_hf_flash_ms=${h.baselineFlashMs}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
