/**
 * The records of one DTLS flight leave in as few datagrams as fit 1200 bytes, as mediasoup's
 * do.
 *
 * werift sends every record of a flight as a datagram of its own, so the server's last
 * flight (ChangeCipherSpec, then the encrypted Finished) is two datagrams; a path whose
 * jitter reorders them (the link relay's, netem's) delivers the Finished first, Chrome's
 * BoringSSL drops a record of the next epoch, and the handshake waits 1.2–1.9 s for a
 * retransmission — about every other cold join over the satellite profile. mediasoup's
 * OpenSSL writes a flight's records into one memory buffer that it sends as one datagram
 * of at most 1200 bytes (worker/src/RTC/DtlsTransport.cpp `onSslBioOut`,
 * `Consts::OutgoingDtlsPacketMaxSize`), so its last flight cannot arrive half reordered.
 */
const DATAGRAM_MAX = 1200;

interface DatagramSender {
  send(data: Buffer): Promise<unknown> | unknown;
}

/** Makes `transport.send` gather the records sent in one turn of the event loop into datagrams. */
export function packFlights(transport: DatagramSender): void {
  const send = transport.send.bind(transport);
  let pending: Buffer[] = [];
  const flush = () => {
    const records = pending;
    pending = [];
    for (const datagram of packRecords(records, DATAGRAM_MAX)) void Promise.resolve(send(datagram)).catch(() => undefined);
  };
  transport.send = (data: Buffer) => {
    pending.push(data);
    if (pending.length === 1) queueMicrotask(flush);
    return Promise.resolve();
  };
}

/** Records in order, packed greedily into datagrams of at most `max` bytes (a larger record goes alone). */
export function packRecords(records: readonly Buffer[], max: number): Buffer[] {
  const datagrams: Buffer[] = [];
  let current: Buffer[] = [];
  let size = 0;
  for (const record of records) {
    if (current.length > 0 && size + record.length > max) {
      datagrams.push(Buffer.concat(current));
      current = [];
      size = 0;
    }
    current.push(record);
    size += record.length;
  }
  if (current.length > 0) datagrams.push(Buffer.concat(current));
  return datagrams;
}
