import type { RTCDtlsTransport } from 'werift';
import type { TransportEvents } from '../../../center/media/MediaBackend';

type State = TransportEvents['state'][0];

/**
 * The transport's `state` event from werift's DTLS transport and a liveness watch.
 * werift's peer-level `connectionState` is not used: every renegotiation re-runs its
 * connect, which flips it to `failed` for a moment while the first connect still waits
 * for the browser's nomination. An ICE-lite agent runs no consent checks, so
 * `disconnected` (mediasoup's ICE consent timeout) is "nothing received for
 * `consentTimeoutMs`" once connected; anything received again makes it `connected`.
 */
export class TransportStateWatch {
  readonly #emit: (state: State) => void;
  readonly #consentTimeoutMs: number;
  readonly #disposers: Array<() => void> = [];
  #last: State | undefined;
  #lastDataAt = Date.now();
  #dtlsConnected = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(dtls: RTCDtlsTransport, consentTimeoutMs: number, emit: (state: State) => void) {
    this.#emit = emit;
    this.#consentTimeoutMs = consentTimeoutMs;
    const dtlsSub = dtls.onStateChange.subscribe((state) => {
      if (state === 'connected') {
        this.#dtlsConnected = true;
        this.#lastDataAt = Date.now();
        this.#set('connected');
      } else if (state === 'failed') {
        this.#set('failed');
      } else if (state === 'closed') {
        this.#set('closed');
      }
    });
    const dataSub = dtls.iceTransport.connection.onData.subscribe(() => {
      this.#lastDataAt = Date.now();
      if (this.#last === 'disconnected') this.#set('connected');
    });
    this.#disposers.push(
      () => dtlsSub.unSubscribe(),
      () => dataSub.unSubscribe(),
    );
    this.#timer = setInterval(() => this.#check(), Math.min(1000, Math.max(50, consentTimeoutMs / 4)));
    this.#timer.unref();
  }

  get state(): State | 'new' {
    return this.#last ?? 'new';
  }

  /** The transport was closed: stop watching and report `closed` once. */
  close(): void {
    this.dispose();
    this.#set('closed');
  }

  dispose(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const dispose of this.#disposers.splice(0)) {
      try {
        dispose();
      } catch {
        // werift's event may already be complete
      }
    }
  }

  #check(): void {
    if (!this.#dtlsConnected || this.#last !== 'connected') return;
    if (Date.now() - this.#lastDataAt > this.#consentTimeoutMs) this.#set('disconnected');
  }

  #set(state: State): void {
    if (this.#last === state || this.#last === 'closed') return;
    this.#last = state;
    this.#emit(state);
  }
}
