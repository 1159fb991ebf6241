import { CenterError } from '../../protocol/sync/centerErrors';
import { DESK_FEED_MIME, DESK_FEED_PATH, parseDeskFeedEvent, type DeskFeedEvent } from '../../protocol/sync/deskFeed';
import { DeskApiError } from './DeskApiError';
import { SseParser } from './sseParser';

export type DeskFeedState =
  | { state: 'connecting' }
  | { state: 'open' }
  /** Lost or refused for a while; tries again in `retryInMs`. */
  | { state: 'waiting'; retryInMs: number; error: DeskApiError }
  /** Stopped for good: `close()` was called, or the token was refused (401/403; sign in again). */
  | { state: 'closed'; error?: DeskApiError };

export interface DeskFeedOptions {
  token: string;
  /** Called for every valid event of a kind this desk knows, in order. On `reset`, refetch the lists. */
  onEvent(event: DeskFeedEvent): void;
  onState?(state: DeskFeedState): void;
  /** A frame that does not match the protocol (skipped); for the log. */
  onProblem?(message: string): void;
  /** The center's origin; default the page's own. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reconnect backoff, full jitter between 0 and min(max, min·2ⁿ). Defaults 500 ms and 30 s. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** No byte (not even a heartbeat, every 15 s) for this long: the connection is dead; reconnect. Default 45 000 ms. */
  silenceMs?: number;
  random?: () => number;
  /** Resume after this event id (one a desk kept from an earlier session). */
  lastEventId?: number;
}

/**
 * The desk's live feed reader: `fetch` + a stream reader (EventSource cannot send the
 * staff token as a header), an SSE parser, and a reconnect loop that sends the last
 * event id it saw as `Last-Event-ID` so nothing is missed, with jittered backoff. Every
 * event is checked against protocol/sync/deskFeed.ts; kinds it does not know (a newer
 * center) are skipped.
 */
export class DeskFeedClient {
  readonly #options: DeskFeedOptions;
  readonly #fetch: typeof fetch;
  #lastEventId: number | undefined;
  #attempt = 0;
  #abort: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;
  #closed = false;

  constructor(options: DeskFeedOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#lastEventId = options.lastEventId;
  }

  /** The id of the last event seen; sent as Last-Event-ID on the next connection. */
  get lastEventId(): number | undefined {
    return this.#lastEventId;
  }

  start(): void {
    if (this.#closed || this.#abort) return;
    void this.#run();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#wake?.();
    this.#abort?.abort();
    this.#options.onState?.({ state: 'closed' });
  }

  async #run(): Promise<void> {
    while (!this.#closed) {
      const abort = new AbortController();
      this.#abort = abort;
      this.#options.onState?.({ state: 'connecting' });
      let error: DeskApiError;
      try {
        error = await this.#connect(abort);
      } catch (failure) {
        error = new DeskApiError(0, 'unreachable', failure instanceof Error ? failure.message : String(failure));
      }
      if (this.#closed) return;
      if (error.status === 401 || error.status === 403) {
        this.#closed = true;
        this.#options.onState?.({ state: 'closed', error });
        return;
      }
      const { minBackoffMs = 500, maxBackoffMs = 30_000, random = Math.random } = this.#options;
      const retryInMs = Math.round(random() * Math.min(maxBackoffMs, minBackoffMs * 2 ** this.#attempt++));
      this.#options.onState?.({ state: 'waiting', retryInMs, error });
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        this.#timer = setTimeout(resolve, retryInMs);
      });
    }
  }

  /** One connection, to its end; returns why it ended. */
  async #connect(abort: AbortController): Promise<DeskApiError> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.#options.token}`, accept: DESK_FEED_MIME };
    if (this.#lastEventId !== undefined) headers['last-event-id'] = String(this.#lastEventId);
    const response = await this.#fetch(new URL(DESK_FEED_PATH, this.#options.baseUrl ?? pageUrl()), {
      headers,
      signal: abort.signal,
      cache: 'no-store',
    });
    if (!response.ok) {
      const problem = CenterError.safeParse(await response.json().catch(() => undefined));
      return problem.success
        ? new DeskApiError(response.status, problem.data.code, problem.data.message)
        : new DeskApiError(response.status, 'bad-answer', `the center answered ${response.status}`);
    }
    if (!response.body || !(response.headers.get('content-type') ?? '').startsWith(DESK_FEED_MIME)) {
      await response.body?.cancel();
      return new DeskApiError(response.status, 'bad-answer', 'the center did not answer with an event stream');
    }
    this.#options.onState?.({ state: 'open' });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    const { silenceMs = 45_000 } = this.#options;
    let silence = setTimeout(() => abort.abort(), silenceMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return new DeskApiError(0, 'unreachable', 'the center ended the feed');
        clearTimeout(silence);
        silence = setTimeout(() => abort.abort(), silenceMs);
        for (const frame of parser.push(value)) this.#frame(frame.event, frame.id, frame.data);
      }
    } catch (failure) {
      return new DeskApiError(0, 'unreachable', abort.signal.aborted ? 'the feed went silent' : String(failure));
    } finally {
      clearTimeout(silence);
      reader.cancel().catch(() => undefined);
    }
  }

  #frame(name: string, rawId: string | undefined, data: string): void {
    let id: number | undefined;
    if (rawId !== undefined && /^\d{1,16}$/.test(rawId)) {
      id = Number(rawId);
      this.#lastEventId = id;
    }
    // A stream that delivers events is healthy: the next loss starts the backoff over.
    this.#attempt = 0;
    if (data === '') return;
    const parsed = parseDeskFeedEvent(name, id, data);
    if (parsed === undefined) return;
    if (!parsed.ok) {
      this.#options.onProblem?.(parsed.error);
      return;
    }
    this.#options.onEvent(parsed.event);
  }
}

/** The page's own address (the desk is served by its center); outside a browser, `baseUrl` must be given. */
function pageUrl(): string {
  const href = (globalThis as { location?: { href?: string } }).location?.href;
  if (!href) throw new TypeError('DeskFeedClient: no page address here; give baseUrl');
  return href;
}
