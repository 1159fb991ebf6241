import type { MediaKind, RtpParameters } from '../../../protocol/media/rtp';

/**
 * The browser never sends SDP to a mediasoup server: it sends `rtpParameters` and DTLS
 * fingerprints. werift wants SDP, so the stand-in writes the browser's side of every
 * negotiation itself: a remote offer (the browser's producers) on a sending transport, a
 * remote answer (the browser's consumers) on a receiving one. Every description carries
 * the same fake ICE credentials (werift restarts ICE when they change; ICE-lite never
 * checks them) and the browser as the DTLS client.
 */

/** The mid of the inactive section every transport is created with; the browser's mids are "0", "1", … */
export const PROBE_MID = 'probe';

/** The browser's ICE credentials as werift sees them (never checked by an ICE-lite agent). */
export const FAKE_ICE = { ufrag: 'mcvstandin', pwd: 'mcvstandinmcvstandinmcvstandin' };
/** Until the browser's fingerprint arrives (the recv side's `connect` comes after the first consume); werift accepts any listed fingerprint that matches. */
const PLACEHOLDER_FINGERPRINT = { algorithm: 'sha-256', value: Array.from({ length: 32 }, () => '00').join(':') };

export type Fingerprint = { algorithm: string; value: string };

/** One m-section as the browser would describe it. */
export type RemoteSection =
  | { type: 'probe'; mid: string }
  | { type: 'inactive'; mid: string; kind: MediaKind }
  /** The browser sends (a producer). */
  | { type: 'send'; mid: string; kind: MediaKind; rtpParameters: RtpParameters; trackId: string }
  /** The browser receives (a consumer). */
  | { type: 'recv'; mid: string; kind: MediaKind; rtpParameters: RtpParameters };

const PROBE_CODEC: RtpParameters = { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] };

function session(mids: string[], version: number): string[] {
  return [
    'v=0',
    `o=- 4611731400430051336 ${version} IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    `a=group:BUNDLE ${mids.join(' ')}`,
    'a=msid-semantic: WMS *',
  ];
}

function fmtp(parameters: Record<string, string | number | boolean> | undefined): string {
  return Object.entries(parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
}

function codecLines(rtp: RtpParameters): string[] {
  const lines: string[] = [];
  for (const codec of rtp.codecs) {
    const name = codec.mimeType.split('/')[1] ?? '';
    lines.push(
      `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${codec.channels && codec.channels > 1 ? `/${codec.channels}` : ''}`,
    );
    const params = fmtp(codec.parameters);
    if (params) lines.push(`a=fmtp:${codec.payloadType} ${params}`);
    for (const fb of codec.rtcpFeedback ?? [])
      lines.push(`a=rtcp-fb:${codec.payloadType} ${fb.type}${fb.parameter ? ` ${fb.parameter}` : ''}`);
  }
  return lines;
}

function mediaSection(
  kind: MediaKind,
  mid: string,
  direction: string,
  rtp: RtpParameters,
  setup: 'actpass' | 'active',
  fingerprint: Fingerprint,
): string[] {
  return [
    `m=${kind} 9 UDP/TLS/RTP/SAVPF ${rtp.codecs.map((c) => c.payloadType).join(' ')}`,
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=ice-ufrag:${FAKE_ICE.ufrag}`,
    `a=ice-pwd:${FAKE_ICE.pwd}`,
    `a=fingerprint:${fingerprint.algorithm} ${fingerprint.value}`,
    `a=setup:${setup}`,
    `a=mid:${mid}`,
    ...(rtp.headerExtensions ?? []).map((e) => `a=extmap:${e.id} ${e.uri}`),
    `a=${direction}`,
    'a=rtcp-mux',
    ...(rtp.rtcp?.reducedSize === false ? [] : ['a=rtcp-rsize']),
    ...codecLines(rtp),
  ];
}

function ssrcLines(section: Extract<RemoteSection, { type: 'send' }>): string[] {
  const encoding = section.rtpParameters.encodings?.[0];
  if (encoding?.ssrc === undefined) return [];
  const cname = section.rtpParameters.rtcp?.cname ?? 'mcv';
  const lines = [`a=msid:mcv-${section.mid} ${section.trackId}`];
  const ssrcs = [encoding.ssrc, ...(encoding.rtx ? [encoding.rtx.ssrc] : [])];
  if (encoding.rtx) lines.push(`a=ssrc-group:FID ${encoding.ssrc} ${encoding.rtx.ssrc}`);
  // The media SSRC first: werift takes the first as media, the second as RTX.
  for (const ssrc of ssrcs) lines.push(`a=ssrc:${ssrc} cname:${cname}`, `a=ssrc:${ssrc} msid:mcv-${section.mid} ${section.trackId}`);
  return lines;
}

function sectionLines(section: RemoteSection, setup: 'actpass' | 'active', fingerprint: Fingerprint): string[] {
  switch (section.type) {
    case 'probe':
      return mediaSection('audio', section.mid, 'inactive', PROBE_CODEC, setup, fingerprint);
    case 'inactive':
      return mediaSection(
        section.kind,
        section.mid,
        'inactive',
        section.kind === 'audio' ? PROBE_CODEC : { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] },
        setup,
        fingerprint,
      );
    case 'send':
      return [...mediaSection(section.kind, section.mid, 'sendonly', section.rtpParameters, setup, fingerprint), ...ssrcLines(section)];
    case 'recv':
      return mediaSection(section.kind, section.mid, 'recvonly', section.rtpParameters, setup, fingerprint);
  }
}

function join(lines: string[]): string {
  return `${lines.join('\r\n')}\r\n`;
}

/** The browser's offer: its producers, in m-line order (a sending transport). */
export function remoteOffer(sections: RemoteSection[], version: number, fingerprint: Fingerprint | undefined): string {
  const fp = fingerprint ?? PLACEHOLDER_FINGERPRINT;
  return join([
    ...session(
      sections.map((s) => s.mid),
      version,
    ),
    ...sections.flatMap((s) => sectionLines(s, 'actpass', fp)),
  ]);
}

/** The mids of an SDP's m-sections, in order, with their kinds. */
export function sdpSections(sdp: string): Array<{ mid: string; kind: string }> {
  return sdp
    .split(/\r?\n(?=m=)/)
    .slice(1)
    .map((block) => ({ kind: /^m=(\w+)/.exec(block)?.[1] ?? '', mid: /\r?\na=mid:(\S+)/.exec(block)?.[1] ?? '' }));
}

/** The browser's answer to werift's offer (a receiving transport): one section per offered mid; unknown mids stay inactive. */
export function remoteAnswer(
  offerSdp: string,
  byMid: Map<string, RemoteSection>,
  version: number,
  fingerprint: Fingerprint | undefined,
): string {
  const fp = fingerprint ?? PLACEHOLDER_FINGERPRINT;
  const offered = sdpSections(offerSdp);
  const sections: RemoteSection[] = offered.map(({ mid, kind }) => {
    const known = byMid.get(mid);
    if (known) return known;
    return mid === PROBE_MID ? { type: 'probe', mid } : { type: 'inactive', mid, kind: kind === 'video' ? 'video' : 'audio' };
  });
  return join([
    ...session(
      offered.map((s) => s.mid),
      version,
    ),
    ...sections.flatMap((s) => sectionLines(s, 'active', fp)),
  ]);
}
