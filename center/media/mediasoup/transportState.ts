import type { types as ms } from 'mediasoup';

export type TransportState = 'connected' | 'disconnected' | 'failed' | 'closed';

/**
 * The one state the room sees, from mediasoup's ICE and DTLS states:
 * DTLS `failed` → `failed`; ICE or DTLS `closed` → `closed`; ICE `disconnected` (consent
 * lost for `iceConsentTimeout`) → `disconnected`; ICE `connected`/`completed` with DTLS
 * `connected` → `connected` (also after consent comes back); anything else (`new`,
 * `connecting`) → nothing yet.
 */
export function combinedState(ice: ms.IceState, dtls: ms.DtlsState): TransportState | undefined {
  if (dtls === 'failed') return 'failed';
  if (dtls === 'closed' || ice === 'closed') return 'closed';
  if (ice === 'disconnected') return 'disconnected';
  if ((ice === 'connected' || ice === 'completed') && dtls === 'connected') return 'connected';
  return undefined;
}

/**
 * Follows ICE and DTLS changes and says when the combined state changed: never the same
 * state twice in a row (ICE `connected` → `completed` is no news), nothing after `closed`.
 */
export class TransportStateTracker {
  #ice: ms.IceState;
  #dtls: ms.DtlsState;
  #last: TransportState | undefined;

  constructor(ice: ms.IceState, dtls: ms.DtlsState) {
    this.#ice = ice;
    this.#dtls = dtls;
    this.#last = combinedState(ice, dtls);
  }

  get state(): TransportState | undefined {
    return this.#last;
  }

  /** The new state to report, or undefined when nothing changed. */
  ice(state: ms.IceState): TransportState | undefined {
    this.#ice = state;
    return this.#update(combinedState(this.#ice, this.#dtls));
  }

  dtls(state: ms.DtlsState): TransportState | undefined {
    this.#dtls = state;
    return this.#update(combinedState(this.#ice, this.#dtls));
  }

  /** The transport is gone (its router closed, the worker died): `closed` unless already said. */
  closed(): TransportState | undefined {
    return this.#update('closed');
  }

  #update(next: TransportState | undefined): TransportState | undefined {
    if (next === undefined || next === this.#last || this.#last === 'closed') return undefined;
    this.#last = next;
    return next;
  }
}
