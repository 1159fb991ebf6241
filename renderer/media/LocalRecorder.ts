import type { CoreClient } from '../api/CoreClient';

export interface RecordingSnapshot {
  state: 'off' | 'recording' | 'saving' | 'queued' | 'error';
  /** Bytes the core has written. */
  bytes: number;
  message: string | null;
}

/** One call carries at most this many bytes (base64 grows them by a third; the bridge takes 1 MiB frames). */
const PIECE_BYTES = 600 * 1024;
const TIMESLICE_MS = 1000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * Records the local camera and microphone at full quality while live media goes out at
 * the link's quality: MediaRecorder chunks go to the core in order (one call at a time),
 * which writes them to disk; at the end the core queues the file as a bulk attachment for
 * the center. A chunk the core did not take ends the recording with the reason.
 */
export class LocalRecorder {
  #recorder: MediaRecorder | undefined;
  #id: string | undefined;
  #seq = 0;
  #sending: Promise<void> = Promise.resolve();
  #failed = false;

  constructor(
    private readonly client: CoreClient,
    private readonly onChange: (snapshot: RecordingSnapshot) => void,
  ) {}

  async start(tracks: MediaStreamTrack[]): Promise<void> {
    if (this.#recorder || tracks.length === 0) return;
    const mimeType = ['video/webm;codecs=vp8,opus', 'video/webm'].find((type) => MediaRecorder.isTypeSupported(type));
    if (!mimeType) return this.onChange({ state: 'error', bytes: 0, message: 'this browser cannot record video' });
    try {
      this.#id = (await this.client.call('recording.start', { mime: 'video/webm' })).id;
    } catch (error) {
      return this.onChange({ state: 'error', bytes: 0, message: error instanceof Error ? error.message : String(error) });
    }
    this.#seq = 0;
    this.#failed = false;
    const recorder = new MediaRecorder(new MediaStream(tracks), { mimeType, videoBitsPerSecond: 2_500_000, audioBitsPerSecond: 64_000 });
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) this.#sending = this.#sending.then(() => this.#send(event.data));
    };
    recorder.start(TIMESLICE_MS);
    this.#recorder = recorder;
    this.onChange({ state: 'recording', bytes: 0, message: null });
  }

  /** Stops, sends what is left, and has the core queue the file. */
  async stop(): Promise<void> {
    const recorder = this.#recorder;
    const id = this.#id;
    if (!recorder || !id) return;
    this.#recorder = undefined;
    this.#id = undefined;
    const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
    recorder.stop();
    await stopped;
    await this.#sending;
    if (this.#failed) return;
    this.onChange({ state: 'saving', bytes: 0, message: null });
    try {
      const attachment = await this.client.call('recording.finish', { id });
      this.onChange({ state: 'queued', bytes: attachment.size, message: attachment.name });
    } catch (error) {
      this.onChange({ state: 'error', bytes: 0, message: error instanceof Error ? error.message : String(error) });
    }
  }

  async #send(blob: Blob): Promise<void> {
    const id = this.#id;
    if (this.#failed || !id) return;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    try {
      for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
        const { bytes: written } = await this.client.call('recording.append', {
          id,
          seq: this.#seq,
          data: toBase64(bytes.subarray(at, at + PIECE_BYTES)),
        });
        this.#seq++;
        this.onChange({ state: 'recording', bytes: written, message: null });
      }
    } catch (error) {
      this.#failed = true;
      this.#recorder?.stop();
      this.onChange({ state: 'error', bytes: 0, message: error instanceof Error ? error.message : String(error) });
    }
  }
}
