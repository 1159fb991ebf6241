import { DtlsSocket } from 'werift';

/** One fragment of a DTLS handshake message, as werift's record layer hands it over. */
interface HandshakeFragment {
  msg_type: number;
  length: number;
  message_seq: number;
  fragment_offset: number;
  fragment_length: number;
}

type Reassembler = (this: object, fragments: HandshakeFragment[]) => HandshakeFragment[];

let installed = false;

/**
 * werift's DTLS joins the fragments of a handshake message as soon as one ends the
 * message, whether or not the others arrived: over the relay's satellite profile (bursty
 * loss, jitter that reorders) it then parses half a message ("NotEnoughDataError"),
 * fails the transport for good, and the center drops the peer 30 s later — the relay E2E
 * failed so about one run in three on a loaded machine. A real DTLS stack (RFC 6347
 * §4.2.3; mediasoup's OpenSSL) keeps fragments by offset until the message is whole and
 * otherwise waits for the peer's retransmission. The stand-in does the same: a message
 * goes on only when its fragments cover it, duplicates are dropped.
 */
export function reassembleDtlsFragmentsByOffset(): void {
  if (installed) return;
  installed = true;
  const pending = new WeakMap<object, Map<number, HandshakeFragment[]>>();
  const reassemble: Reassembler = function (fragments) {
    let bySeq = pending.get(this);
    if (!bySeq) pending.set(this, (bySeq = new Map()));
    const whole: HandshakeFragment[] = [];
    for (const fragment of fragments) {
      if (fragment.fragment_offset === 0 && fragment.fragment_length === fragment.length) {
        whole.push(fragment);
        continue;
      }
      const held = bySeq.get(fragment.message_seq) ?? [];
      const duplicate = held.some((f) => f.fragment_offset === fragment.fragment_offset && f.fragment_length === fragment.fragment_length);
      if (!duplicate) held.push(fragment);
      if (covers(held, fragment.length)) {
        whole.push(...held);
        bySeq.delete(fragment.message_seq);
      } else bySeq.set(fragment.message_seq, held);
    }
    return whole;
  };
  (DtlsSocket.prototype as unknown as { handleFragmentHandshake: Reassembler }).handleFragmentHandshake = reassemble;
}

function covers(fragments: HandshakeFragment[], length: number): boolean {
  let end = 0;
  for (const f of [...fragments].sort((a, b) => a.fragment_offset - b.fragment_offset)) {
    if (f.fragment_offset > end) return false;
    end = Math.max(end, f.fragment_offset + f.fragment_length);
  }
  return end >= length;
}
