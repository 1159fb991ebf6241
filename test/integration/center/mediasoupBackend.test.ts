import { afterAll, describe, expect, it } from 'vitest';
import { MediaConfig } from '../../../protocol/config/centerConfig';
import type { RtpParameters } from '../../../protocol/media/rtp';
import { createLogger } from '../../../platform/log/logger';
import type { MediaBackend } from '../../../center/media/MediaBackend';
import { MediaUnavailableError } from '../../../center/media/mediasoup/errors';
import { createMediasoupBackend } from '../../../center/media/mediasoup/MediasoupBackend';

/**
 * The mediasoup backend against a real mediasoup worker, where one exists (a built
 * worker, or MEDIASOUP_WORKER_BIN). Where it does not (this build machine: the worker can be
 * neither downloaded nor built) the suite is skipped and says why in one line; the backend's own logic
 * is covered by the unit test with mediasoup mocked.
 */

const config = MediaConfig.parse({ workers: 1, listenIp: '127.0.0.1', rtcMinPort: 47000, rtcMaxPort: 47099 });
let backend: MediaBackend | undefined;
let reason = '';
try {
  backend = await createMediasoupBackend(config, createLogger('media-test'));
} catch (error) {
  if (!(error instanceof MediaUnavailableError)) throw error;
  reason = error.message;
}
if (reason) console.warn(`[skip] mediasoup integration: ${reason}`);

const opus: RtpParameters = {
  mid: '0',
  codecs: [
    {
      mimeType: 'audio/opus',
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
      parameters: { useinbandfec: 1, 'sprop-stereo': 0 },
      rtcpFeedback: [{ type: 'transport-cc' }],
    },
  ],
  headerExtensions: [
    { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 },
    { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 10 },
  ],
  encodings: [{ ssrc: 11111111, dtx: false }],
  rtcp: { cname: 'mcv-07', reducedSize: true },
};

const vp8: RtpParameters = {
  mid: '1',
  codecs: [
    {
      mimeType: 'video/VP8',
      payloadType: 96,
      clockRate: 90000,
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }],
    },
    { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 } },
  ],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 1 }],
  encodings: [{ ssrc: 22222222, rtx: { ssrc: 33333333 } }],
  rtcp: { cname: 'mcv-07', reducedSize: true },
};

afterAll(async () => {
  await backend?.close();
});

describe.skipIf(!backend)(`mediasoup backend on a real worker${reason ? ` — skipped: ${reason}` : ''}`, () => {
  it('creates a router with the configured codecs and transports on the port range', async () => {
    const router = await backend!.createRouter('room-it-1');
    const mimeTypes = router.rtpCapabilities.codecs?.map((c) => c.mimeType);
    expect(mimeTypes).toEqual(expect.arrayContaining(['audio/opus', 'video/VP8', 'video/H264']));
    const h264Profiles = router.rtpCapabilities.codecs
      ?.filter((c) => c.mimeType === 'video/H264')
      .map((c) => c.parameters?.['profile-level-id']);
    expect(h264Profiles).toEqual(['42e01f', '4d0032']);

    const send = await router.createWebRtcTransport({ producing: true, consuming: false });
    const tcpOnly = await router.createWebRtcTransport({ producing: false, consuming: true, forceTcp: true });
    expect(send.iceParameters.usernameFragment).not.toBe('');
    expect(send.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    expect(send.iceCandidates.map((c) => c.protocol).sort()).toEqual(['tcp', 'udp']);
    expect(tcpOnly.iceCandidates.map((c) => c.protocol)).toEqual(['tcp']);
    for (const candidate of [...send.iceCandidates, ...tcpOnly.iceCandidates]) {
      expect(candidate.address).toBe('127.0.0.1');
      expect(candidate.port).toBeGreaterThanOrEqual(47000);
      expect(candidate.port).toBeLessThanOrEqual(47099);
    }
    const stats = await send.getStats();
    expect(stats[0]).toMatchObject({ type: 'webrtc-transport', transportId: send.id, iceState: 'new', dtlsState: 'new' });
    router.close();
  });

  it('produces from fixed RTP parameters and consumes them, paused, on a second transport', async () => {
    const router = await backend!.createRouter('room-it-2');
    const send = await router.createWebRtcTransport({ producing: true, consuming: false });
    const recv = await router.createWebRtcTransport({ producing: false, consuming: true });

    const audio = await send.produce({ kind: 'audio', rtpParameters: opus, appData: { source: 'mic' } });
    const video = await send.produce({ kind: 'video', rtpParameters: vp8, appData: { source: 'camera' } });
    expect([audio.kind, audio.paused, video.kind]).toEqual(['audio', false, 'video']);
    expect(router.canConsume(video.id, router.rtpCapabilities)).toBe(true);
    expect(router.canConsume(video.id, { codecs: [] })).toBe(false);

    const consumer = await recv.consume({ producerId: video.id, rtpCapabilities: router.rtpCapabilities, appData: {} });
    expect([consumer.producerId, consumer.kind, consumer.type, consumer.producerPaused]).toEqual([video.id, 'video', 'simple', false]);
    const routerVp8 = router.rtpCapabilities.codecs!.find((c) => c.mimeType === 'video/VP8')!;
    expect(consumer.rtpParameters.codecs[0]).toMatchObject({
      mimeType: 'video/VP8',
      payloadType: routerVp8.preferredPayloadType,
      clockRate: 90000,
    });
    expect(consumer.rtpParameters.codecs[1]).toMatchObject({ mimeType: 'video/rtx', parameters: { apt: routerVp8.preferredPayloadType } });
    expect(consumer.rtpParameters.encodings).toHaveLength(1);
    expect(consumer.rtpParameters.encodings![0]!.ssrc).not.toBe(22222222);

    const audioConsumer = await recv.consume({ producerId: audio.id, rtpCapabilities: router.rtpCapabilities, appData: {} });
    expect(audioConsumer.rtpParameters.codecs[0]).toMatchObject({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 });
    await audioConsumer.resume();

    const producerClosed = new Promise<void>((resolve) => consumer.on('producerclose', () => resolve()));
    video.close();
    await producerClosed;
    await expect(recv.consume({ producerId: video.id, rtpCapabilities: router.rtpCapabilities, appData: {} })).rejects.toThrow(
      /consume producer .* failed/,
    );
    router.close();
  });
});
