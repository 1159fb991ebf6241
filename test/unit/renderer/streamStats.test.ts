import { describe, expect, it } from 'vitest';
import { streamQuality } from '../../../renderer/media/streamStats';

describe('streamQuality', () => {
  it('reads a received video stream: bitrate over the interval, loss in it, fps, freezes, RTT of the pair', () => {
    const before = [{ type: 'inbound-rtp', kind: 'video', bytesReceived: 100_000, packetsLost: 10, packetsReceived: 1000 }];
    const now = [
      {
        type: 'inbound-rtp',
        kind: 'video',
        bytesReceived: 350_000,
        packetsLost: 15,
        packetsReceived: 1495,
        framesPerSecond: 24,
        freezeCount: 2,
        framesDecoded: 480,
      },
      { type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.612 },
    ];
    expect(streamQuality(before, now, 2000, 'in')).toEqual({
      kbps: 1000,
      lossPct: 1,
      rttMs: 612,
      fps: 24,
      freezes: 2,
      framesDecoded: 480,
      samplesReceived: null,
    });
  });

  it("reads a sent stream with the receiver's report of loss and RTT", () => {
    const before = [{ type: 'outbound-rtp', kind: 'audio', bytesSent: 0 }];
    const now = [
      { type: 'outbound-rtp', kind: 'audio', bytesSent: 6000 },
      { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.025, roundTripTime: 0.08 },
    ];
    expect(streamQuality(before, now, 2000, 'out')).toEqual({
      kbps: 24,
      lossPct: 2.5,
      rttMs: 80,
      fps: null,
      freezes: null,
      framesDecoded: null,
      samplesReceived: null,
    });
  });

  it('says nothing about rate or loss from a first snapshot', () => {
    expect(
      streamQuality(
        undefined,
        [{ type: 'inbound-rtp', kind: 'audio', bytesReceived: 5000, packetsLost: 3, packetsReceived: 90, totalSamplesReceived: 48000 }],
        1000,
        'in',
      ),
    ).toEqual({
      kbps: 0,
      lossPct: null,
      rttMs: null,
      fps: null,
      freezes: null,
      framesDecoded: null,
      samplesReceived: 48000,
    });
  });
});
