import type { types as ms } from 'mediasoup';
import type { MediaKind, RtpParameters } from '../../../protocol/media/rtp';
import type { Logger } from '../../../platform/log/logger';
import type { ConsumerEvents, MediaConsumer } from '../MediaBackend';
import { attempt } from './errors';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';

/**
 * A mediasoup consumer behind the `MediaConsumer` interface. Its producer's close, pause
 * and resume and its layer changes are passed on under the same names; a layer change to
 * none (mediasoup's `undefined`: the producer sends nothing this consumer can use) is `null`.
 */
export class MediasoupConsumer implements MediaConsumer {
  readonly #consumer: ms.Consumer;
  readonly #log: Logger;
  readonly #events: SafeEmitter<ConsumerEvents>;

  constructor(consumer: ms.Consumer, log: Logger) {
    this.#consumer = consumer;
    this.#log = log;
    this.#events = new SafeEmitter((event, error) => log.error(`consumer ${consumer.id}: a '${event}' listener threw`, error));
    consumer.on('producerclose', () => {
      log.debug(`consumer ${consumer.id}: its producer closed`);
      this.#events.safeEmit('producerclose');
    });
    consumer.on('producerpause', () => this.#events.safeEmit('producerpause'));
    consumer.on('producerresume', () => this.#events.safeEmit('producerresume'));
    consumer.on('layerschange', (layers) =>
      this.#events.safeEmit(
        'layerschange',
        layers ? { spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer ?? 0 } : null,
      ),
    );
  }

  get id(): string {
    return this.#consumer.id;
  }

  get producerId(): string {
    return this.#consumer.producerId;
  }

  get kind(): MediaKind {
    return this.#consumer.kind;
  }

  get rtpParameters(): RtpParameters {
    return this.#consumer.rtpParameters as RtpParameters;
  }

  get type(): MediaConsumer['type'] {
    return this.#consumer.type;
  }

  get producerPaused(): boolean {
    return this.#consumer.producerPaused;
  }

  pause(): Promise<void> {
    return attempt(`consumer ${this.id}: pause`, () => this.#consumer.pause());
  }

  resume(): Promise<void> {
    return attempt(`consumer ${this.id}: resume`, () => this.#consumer.resume());
  }

  setPreferredLayers(layers: { spatialLayer: number; temporalLayer?: number }): Promise<void> {
    const wanted: ms.ConsumerLayers =
      layers.temporalLayer === undefined
        ? { spatialLayer: layers.spatialLayer }
        : { spatialLayer: layers.spatialLayer, temporalLayer: layers.temporalLayer };
    return attempt(`consumer ${this.id}: setPreferredLayers`, () => this.#consumer.setPreferredLayers(wanted));
  }

  requestKeyFrame(): Promise<void> {
    return attempt(`consumer ${this.id}: requestKeyFrame`, () => this.#consumer.requestKeyFrame());
  }

  on<K extends keyof ConsumerEvents>(event: K, listener: (...args: ConsumerEvents[K]) => void): void {
    this.#events.listen(event, listener);
  }

  close(): void {
    if (this.#consumer.closed) return;
    this.#log.debug(`consumer ${this.id}: close`);
    try {
      this.#consumer.close();
    } catch (error) {
      this.#log.warn(`consumer ${this.id}: close failed`, error);
    }
  }
}
