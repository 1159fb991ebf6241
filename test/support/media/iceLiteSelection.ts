/**
 * The first valid ICE check selects its path, as mediasoup's ICE-lite server does.
 *
 * werift's ICE-lite agent waits for the browser to nominate a pair (USE-CANDIDATE) before
 * it calls ICE connected and starts its DTLS server; DTLS that arrives before is dropped.
 * Chrome nominates a while after the pair works (seconds on a 600 ms path) and starts
 * DTLS as soon as a check is answered, so over the satellite profile the stand-in cost a
 * cold join 3–4 s of ICE and lost ClientHellos that mediasoup does not: its IceServer goes
 * from `new` to `connected` on the first valid Binding request, nominated or not, selects
 * that tuple and runs DTLS (mediasoup 3.x, worker/src/RTC/ICE/IceServer.cpp, state `new`).
 * The stand-in does the same: while nothing is selected, a check is taken as nominating
 * its pair. Once a path is selected, another one needs the browser's nomination (also
 * mediasoup's rule); werift forgets its selection on an ICE restart, so there the first
 * check of the new path selects it.
 */
interface StunMessage {
  attributesKeys: string[];
  setAttribute(name: string, value: unknown): unknown;
}

interface LiteConnection {
  nominated?: unknown;
  checkIncoming(message: StunMessage, addr: unknown, protocol: unknown): void;
}

export function selectOnFirstCheck(connection: LiteConnection): void {
  const checkIncoming = connection.checkIncoming.bind(connection);
  connection.checkIncoming = (message, addr, protocol) => {
    if (!connection.nominated && !message.attributesKeys.includes('USE-CANDIDATE')) message.setAttribute('USE-CANDIDATE', null);
    checkIncoming(message, addr, protocol);
  };
}
