/** One stream's quality as the operator sees it, from two getStats() snapshots. */
export interface StreamQuality {
  kbps: number;
  /** Percent of packets lost (for a sent stream: as the receiver reports it). */
  lossPct: number | null;
  rttMs: number | null;
  /** Video only: frames per second and freezes so far. */
  fps: number | null;
  freezes: number | null;
  /** Received streams: frames decoded (video) and audio samples received so far; they rise while media flows. */
  framesDecoded: number | null;
  samplesReceived: number | null;
}

type Stat = Record<string, unknown> & { type: string };
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function ofType(report: Iterable<Stat>, type: string): Stat[] {
  return [...report].filter((s) => s.type === type);
}

function sum(stats: Stat[], key: string): number {
  return stats.reduce((total, s) => total + (num(s[key]) ?? 0), 0);
}

function rttFromPair(report: Iterable<Stat>): number | null {
  const pair = ofType(report, 'candidate-pair').find((p) => p.nominated === true && p.state === 'succeeded');
  const rtt = num(pair?.currentRoundTripTime);
  return rtt === null ? null : Math.round(rtt * 1000);
}

/**
 * Quality of a producer (`direction` 'out') or consumer ('in') from its previous and
 * current getStats() reports (iterables of RTCStats, as `Array.from(report.values())`).
 */
export function streamQuality(
  previous: Iterable<Stat> | undefined,
  current: Iterable<Stat>,
  elapsedMs: number,
  direction: 'in' | 'out',
): StreamQuality {
  const now = [...current];
  const before = previous ? [...previous] : [];
  const rtpType = direction === 'out' ? 'outbound-rtp' : 'inbound-rtp';
  const bytesKey = direction === 'out' ? 'bytesSent' : 'bytesReceived';
  const rtp = ofType(now, rtpType);
  const bytes = sum(rtp, bytesKey) - sum(ofType(before, rtpType), bytesKey);
  const kbps = elapsedMs > 0 && before.length > 0 ? Math.max(0, Math.round((bytes * 8) / elapsedMs)) : 0;
  const video = rtp.find((s) => s.kind === 'video');
  let lossPct: number | null;
  let rttMs: number | null;
  if (direction === 'out') {
    const remote = ofType(now, 'remote-inbound-rtp');
    const fraction = remote.map((s) => num(s.fractionLost)).find((v) => v !== null) ?? null;
    lossPct = fraction === null ? null : Math.round(fraction * 1000) / 10;
    const rtt = remote.map((s) => num(s.roundTripTime)).find((v) => v !== null) ?? null;
    rttMs = rtt === null ? rttFromPair(now) : Math.round(rtt * 1000);
  } else {
    const lost = sum(rtp, 'packetsLost') - sum(ofType(before, rtpType), 'packetsLost');
    const received = sum(rtp, 'packetsReceived') - sum(ofType(before, rtpType), 'packetsReceived');
    lossPct =
      before.length > 0 && lost + received > 0 ? Math.round((Math.max(0, lost) / (Math.max(0, lost) + received)) * 1000) / 10 : null;
    rttMs = rttFromPair(now);
  }
  const audio = rtp.find((s) => s.kind === 'audio');
  const incoming = direction === 'in';
  return {
    kbps,
    lossPct,
    rttMs,
    fps: video ? num(video.framesPerSecond) : null,
    freezes: incoming && video ? num(video.freezeCount) : null,
    framesDecoded: incoming && video ? num(video.framesDecoded) : null,
    samplesReceived: incoming && audio ? num(audio.totalSamplesReceived) : null,
  };
}

/** What getStats() resolves to, as far as this file needs (an RTCStatsReport; typed here without the DOM's types, for the Node tests). */
interface StatsReport {
  values(): Iterable<unknown>;
}

/** A stream to measure: its key (source or consumer id), where its stats come from, and which way it flows. */
export interface MeasuredStream {
  key: string;
  stats: (() => Promise<StatsReport>) | undefined;
  direction: 'in' | 'out';
}

/**
 * Keeps each stream's previous getStats() snapshot, so every poll gives rates over the
 * interval since the last one. Shared by the console's Video view and the desk.
 */
export class QualityTracker {
  readonly #previous = new Map<string, { at: number; stats: Stat[] }>();

  /** Quality of every stream that still has stats; a stream that closed meanwhile is left out. */
  async poll(streams: readonly MeasuredStream[]): Promise<Record<string, StreamQuality>> {
    const rows = await Promise.all(
      streams.map(async ({ key, stats, direction }) => {
        const report = await stats?.().catch(() => undefined);
        if (!report) return undefined;
        const current = [...report.values()] as Stat[];
        const now = performance.now();
        const before = this.#previous.get(key);
        this.#previous.set(key, { at: now, stats: current });
        return [key, streamQuality(before?.stats, current, before ? now - before.at : 0, direction)] as const;
      }),
    );
    return Object.fromEntries(rows.filter((row) => row !== undefined));
  }

  clear(): void {
    this.#previous.clear();
  }
}
