/** Where a subscriber's frames go: an HTTP response in the center, a test double in unit tests. */
export interface FeedSink {
  /** false when the sink's buffer is full: wait for 'drain' before writing more. */
  write(chunk: string): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  end(): unknown;
  destroy(): unknown;
  readonly writableFinished: boolean;
}

/**
 * One desk's stream: how far it has been sent (`position`, the last event id handled,
 * sent or filtered out) and whether its sink is full. Frames it has not been sent stay
 * in the hub's ring, not here, so a slow desk costs the center at most one sink buffer.
 */
export class FeedSubscriber {
  position: number;
  /** Waiting for the sink's 'drain'. */
  blocked = false;
  closed = false;
  readonly sink: FeedSink;
  readonly sees: (vehicleId: string) => boolean;
  /** Who it is, for the log. */
  readonly label: string;

  constructor(options: { sink: FeedSink; position: number; sees: (vehicleId: string) => boolean; label: string }) {
    this.sink = options.sink;
    this.position = options.position;
    this.sees = options.sees;
    this.label = options.label;
  }

  /** Writes a chunk; on a full sink, marks itself blocked and calls `onDrain` once the sink empties. */
  write(chunk: string, onDrain: () => void): void {
    if (this.closed) return;
    if (this.sink.write(chunk)) return;
    this.blocked = true;
    this.sink.once('drain', () => {
      this.blocked = false;
      onDrain();
    });
  }

  /** Ends the stream with a last frame (written even when blocked: one small frame over the sink's bound). */
  end(lastFrame: string | undefined, destroyAfterMs: number): void {
    if (this.closed) return;
    this.closed = true;
    if (lastFrame) this.sink.write(lastFrame);
    this.sink.end();
    // A desk that reads nothing never lets the end flush: take the socket down.
    const timer = setTimeout(() => {
      if (!this.sink.writableFinished) this.sink.destroy();
    }, destroyAfterMs);
    timer.unref?.();
  }
}
