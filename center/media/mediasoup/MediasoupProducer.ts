import type { types as ms } from 'mediasoup';
import type { MediaKind } from '../../../protocol/media/rtp';
import type { Logger } from '../../../platform/log/logger';
import type { MediaProducer } from '../MediaBackend';
import { attempt } from './errors';

/** A mediasoup producer behind the `MediaProducer` interface. */
export class MediasoupProducer implements MediaProducer {
  readonly #producer: ms.Producer;
  readonly #log: Logger;

  constructor(producer: ms.Producer, log: Logger) {
    this.#producer = producer;
    this.#log = log;
  }

  get id(): string {
    return this.#producer.id;
  }

  get kind(): MediaKind {
    return this.#producer.kind;
  }

  get paused(): boolean {
    return this.#producer.paused;
  }

  pause(): Promise<void> {
    return attempt(`producer ${this.id}: pause`, () => this.#producer.pause());
  }

  resume(): Promise<void> {
    return attempt(`producer ${this.id}: resume`, () => this.#producer.resume());
  }

  close(): void {
    if (this.#producer.closed) return;
    this.#log.debug(`producer ${this.id}: close`);
    try {
      this.#producer.close();
    } catch (error) {
      this.#log.warn(`producer ${this.id}: close failed`, error);
    }
  }
}
