import type { DeskMtMessage } from '../../../protocol/sbd/deskIridium';
import type { DeskText } from '../common/viaText';

/** The tone a state is shown in (common/Tone.tsx's names; kept here so this file needs no JSX). */
type ToneName = 'up' | 'degraded' | 'down' | 'unknown' | 'info';

/** Session statuses the desk has words for (the gateway's MO header, reference §1.3). */
const MO_STATUSES = new Set([0, 1, 2, 10, 12, 13, 14, 15]);

/** An MO session's status in words, and its tone (under 10 the payload came whole). */
export function moStatusText(status: number): DeskText & { tone: ToneName } {
  const tone: ToneName = status === 0 ? 'up' : status < 10 ? 'degraded' : 'down';
  if (MO_STATUSES.has(status)) return { key: `desk.iridium.moStatus.${status}`, values: {}, tone };
  return { key: 'desk.iridium.moStatus.unknown', values: { status }, tone };
}

/** Refusal codes the desk has words for (protocol/sbd/directIpStatus.ts, MT_CONFIRMATION_CODES). */
const REFUSALS = new Set([
  'invalid-imei',
  'unknown-imei',
  'payload-too-large',
  'payload-missing',
  'queue-full',
  'resources-unavailable',
  'protocol-violation',
  'ring-alerts-disabled',
  'imei-not-attached',
  'source-rejected',
  'mtmsn-out-of-range',
  'certificate-rejected',
]);

/**
 * The gateway's answer to an MT message in words, from its state and status code (never from
 * the center's English `detail`, which is kept for the tooltip): "queued at the Iridium
 * gateway, position 2", "IMEI unknown to the gateway", no answer yet, no confirmation.
 */
export function mtAnswerText(message: Pick<DeskMtMessage, 'state' | 'status' | 'code'>): DeskText & { tone: ToneName } {
  switch (message.state) {
    case 'sending':
      return { key: 'desk.iridium.mt.sending', values: {}, tone: 'unknown' };
    case 'queued':
      return { key: 'desk.iridium.mt.queued', values: { position: message.status ?? 0 }, tone: 'info' };
    case 'failed':
      return { key: 'desk.iridium.mt.failed', values: {}, tone: 'degraded' };
    case 'refused':
      return message.code !== null && REFUSALS.has(message.code)
        ? { key: `desk.iridium.mt.refused.${message.code}`, values: {}, tone: 'down' }
        : { key: 'desk.iridium.mt.refused.unknown', values: { status: message.status ?? '?' }, tone: 'down' };
  }
}
