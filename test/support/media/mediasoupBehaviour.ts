import type { RTCDtlsTransport } from 'werift';
import { packFlights } from './dtlsFlightPacking';
import { selectOnFirstCheck } from './iceLiteSelection';

/**
 * Where werift's ICE and DTLS differ from mediasoup's in a way a bench measures (a cold join
 * over a slow path), one transport's werift made to behave as mediasoup does:
 * - the first valid ICE check selects its path (iceLiteSelection.ts);
 * - DTLS runs once ICE works and `remoteDtlsKnown` has resolved (the browser's fingerprint
 *   came with `connectWebRtcTransport`), whichever comes last, as mediasoup's
 *   MayRunDtlsTransport does: a client that does not wait for that request's answer may get
 *   its ICE check here first;
 * - a DTLS flight leaves in as few datagrams as fit 1200 bytes (dtlsFlightPacking.ts).
 */
export function behaveLikeMediasoup(dtls: RTCDtlsTransport, remoteDtlsKnown: Promise<void>): void {
  selectOnFirstCheck(dtls.iceTransport.connection as unknown as Parameters<typeof selectOnFirstCheck>[0]);
  const startDtls = dtls.start.bind(dtls);
  dtls.start = async () => {
    await remoteDtlsKnown;
    return startDtls();
  };
  dtls.onStateChange.subscribe((state) => {
    // werift makes its DTLS socket right after it says `connecting`, before any record is sent.
    if (state === 'connecting')
      queueMicrotask(() => {
        const socket = (dtls as unknown as { dtls?: { transport: Parameters<typeof packFlights>[0] } }).dtls;
        if (socket) packFlights(socket.transport);
      });
  });
}
