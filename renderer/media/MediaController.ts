import { Device } from 'mediasoup-client';
import type { ClassDecision } from '../../protocol/links/policy';
import type { CoreClient } from '../api/CoreClient';
import { planMedia, SIMULCAST_LAYERS, simulcastTopLayer, type MediaPlan } from './linkAdaptation';
import { LocalRecorder, type RecordingSnapshot } from './LocalRecorder';
import { MediaSession, type MediaSessionState, type PublishOptionsSource, type RemoteTrack } from './MediaSession';
import { QualityTracker, type StreamQuality } from './streamStats';
import { shownError, type ShownError } from '../i18n/errorText';

export type MediaSource = 'camera' | 'mic' | 'screen';

export interface MediaSnapshot {
  /** `off` until the operator goes live. */
  state: 'off' | MediaSessionState;
  /** Why live media cannot start or was lost (the core's or the browser's words). */
  /** What went wrong last, shown until the next try. */
  problem: ShownError | null;
  plan: MediaPlan;
  operatorAudioOnly: boolean;
  local: Partial<Record<MediaSource, MediaStreamTrack>>;
  remote: RemoteTrack[];
  /** By source ('camera', 'mic', 'screen') or remote consumer id. */
  quality: Record<string, StreamQuality>;
  cameras: Array<{ id: string; label: string }>;
  mics: Array<{ id: string; label: string }>;
  cameraId: string | null;
  micId: string | null;
  /** The link live media goes over, as the core said when it fetched the ticket. */
  linkName: string | null;
  /** Record camera and microphone locally at full quality while live (sent later as a bulk attachment). */
  recordLocally: boolean;
  recording: RecordingSnapshot;
}

const STATS_EVERY_MS = 2000;

type Captured = Pick<MediaSnapshot, 'cameras' | 'mics' | 'cameraId' | 'micId'> & { local: Pick<MediaSnapshot['local'], 'camera' | 'mic'> };

/**
 * Live media for the whole app (it keeps running while the operator looks at other
 * views): captures camera and microphone, runs the MediaSession, fits what it sends to
 * the link policy's `live` budget (audio only below it, Opus and video caps), and polls
 * each stream's quality. Views read `snapshot` and call the actions.
 */
export class MediaController {
  #snapshot: MediaSnapshot = {
    state: 'off',
    problem: null,
    plan: planMedia(0),
    operatorAudioOnly: false,
    local: {},
    remote: [],
    quality: {},
    cameras: [],
    mics: [],
    cameraId: null,
    micId: null,
    linkName: null,
    recordLocally: true,
    recording: { state: 'off', bytes: 0, message: null },
  };
  readonly #listeners = new Set<() => void>();
  #session: MediaSession | undefined;
  #budgetKbps = 0;
  #liveLinkId: string | null = null;
  #policyAudioOnly = false;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  /** Live since the operator went live (told to the core once, for the duty log). */
  #toldLive = false;
  readonly #quality = new QualityTracker();
  readonly #recorder: LocalRecorder;

  #displayName = 'MCV';

  constructor(private readonly client: CoreClient) {
    this.#recorder = new LocalRecorder(client, (recording) => this.#update({ recording }));
  }

  /** The name the center staff see (the vehicle's, from app.info). */
  setDisplayName(name: string): void {
    this.#displayName = name;
  }

  setRecordLocally(on: boolean): void {
    this.#update({ recordLocally: on });
  }

  get snapshot(): MediaSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The policy's decision for `live`; a move to another link restarts ICE at once. */
  setLiveDecision(decision: ClassDecision | undefined): void {
    const linkId = decision?.linkId ?? null;
    if (this.#liveLinkId !== null && linkId !== null && linkId !== this.#liveLinkId) this.#session?.restartIce();
    this.#liveLinkId = linkId;
    this.#budgetKbps = decision?.linkId ? decision.budgetKbps : 0;
    this.#policyAudioOnly = decision?.reason === 'audio-only';
    void this.#applyPlan();
  }

  setOperatorAudioOnly(on: boolean): void {
    this.#update({ operatorAudioOnly: on });
    void this.#applyPlan();
  }

  async goLive(): Promise<void> {
    if (this.#session) return;
    this.#update({ problem: null, state: 'connecting' });
    // The join (ticket, socket, transports: round trips over a slow link) and the camera's
    // start run together; the tracks are published when both are ready.
    const session = this.#startSession();
    let captured: Captured;
    try {
      captured = await this.#capture();
    } catch (error) {
      this.stop();
      this.#update({ problem: shownError(error, 'video.cameraFailed') });
      return;
    }
    if (this.#session !== session) {
      // Stopped while the camera started.
      for (const track of [captured.local.camera, captured.local.mic]) track?.stop();
      return;
    }
    this.#update({ ...captured, local: { ...this.#snapshot.local, ...captured.local } });
    try {
      await this.#publishAll(session);
    } catch (error) {
      // The session starts over by itself (and republishes); recording and stats still start.
      console.info(`media: publishing failed (${error instanceof Error ? error.message : String(error)})`);
    }
    if (this.#session !== session) return;
    if (this.#snapshot.recordLocally)
      void this.#recorder.start(
        [this.#snapshot.local.camera, this.#snapshot.local.mic].filter((t): t is MediaStreamTrack => t !== undefined),
      );
    this.#statsTimer = setInterval(() => void this.#pollStats(), STATS_EVERY_MS);
  }

  #startSession(): MediaSession {
    const session = new MediaSession({
      displayName: this.#displayName,
      socketUrl: async () => {
        try {
          const ticket = await this.client.call('media.ticket', {});
          // A session stopped meanwhile (the camera failed) must not clear what the screen says.
          if (this.#session === session) this.#update({ linkName: ticket.linkName, problem: null });
          return ticket.socketUrl;
        } catch (error) {
          if (this.#session === session) this.#update({ problem: shownError(error, 'video.joinFailed') });
          throw error;
        }
      },
      createDevice: () => Device.factory(),
      log: (line) => console.info(line),
    });
    this.#session = session;
    session.onState((state) => {
      this.#update({ state });
      if (state === 'live') void this.#applyPlan();
      if (state === 'live' && !this.#toldLive) {
        this.#toldLive = true;
        const linkName = this.#snapshot.linkName ?? undefined;
        void this.client.call('duty.videoSession', { live: true, ...(linkName ? { linkName } : {}) }).catch(() => undefined);
      }
    });
    session.onTrack((track) => this.#update({ remote: [...this.#snapshot.remote, track] }));
    session.onTrackEnded((id) => this.#update({ remote: this.#snapshot.remote.filter((r) => r.consumerId !== id) }));
    session.start();
    return session;
  }

  stop(): void {
    clearInterval(this.#statsTimer);
    if (this.#toldLive) void this.client.call('duty.videoSession', { live: false }).catch(() => undefined);
    this.#toldLive = false;
    this.#session?.close();
    this.#session = undefined;
    const tracks = Object.values(this.#snapshot.local);
    // The recording's last chunk comes after stop(); the tracks end once it is in.
    void this.#recorder.stop().finally(() => tracks.forEach((track) => track?.stop()));
    this.#quality.clear();
    this.#update({ state: 'off', local: {}, remote: [], quality: {}, linkName: null });
  }

  async chooseCamera(id: string): Promise<void> {
    this.#update({ cameraId: id });
    if (this.#session) await this.#recapture('camera');
  }

  async chooseMic(id: string): Promise<void> {
    this.#update({ micId: id });
    if (this.#session) await this.#recapture('mic');
  }

  async shareScreen(on: boolean): Promise<void> {
    const session = this.#session;
    if (!session) return;
    if (!on) {
      this.#snapshot.local.screen?.stop();
      await session.unpublish('screen');
      this.#update({ local: { ...this.#snapshot.local, screen: undefined } });
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const track = stream.getVideoTracks()[0]!;
      track.addEventListener('ended', () => void this.shareScreen(false));
      this.#update({ local: { ...this.#snapshot.local, screen: track } });
      await session.publish('screen', track, this.#videoOptions());
    } catch (error) {
      this.#update({ problem: shownError(error, 'video.screenFailed') });
    }
  }

  /** Camera and microphone as the operator chose them, and the devices there are to choose from. */
  async #capture(): Promise<Captured> {
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: this.#snapshot.micId ? { deviceId: { exact: this.#snapshot.micId } } : true,
      video: this.#snapshot.cameraId
        ? { deviceId: { exact: this.#snapshot.cameraId } }
        : { width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    const camera = stream.getVideoTracks()[0];
    const mic = stream.getAudioTracks()[0];
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      const list = (kind: MediaDeviceKind) =>
        devices.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
      return {
        local: { camera, mic },
        cameras: list('videoinput'),
        mics: list('audioinput'),
        cameraId: camera?.getSettings().deviceId ?? null,
        micId: mic?.getSettings().deviceId ?? null,
      };
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop());
      throw error;
    }
  }

  async #recapture(source: 'camera' | 'mic'): Promise<void> {
    const id = source === 'camera' ? this.#snapshot.cameraId : this.#snapshot.micId;
    const constraints = id ? { deviceId: { exact: id } } : true;
    const stream = await navigator.mediaDevices.getUserMedia(source === 'camera' ? { video: constraints } : { audio: constraints });
    const track = source === 'camera' ? stream.getVideoTracks()[0]! : stream.getAudioTracks()[0]!;
    this.#snapshot.local[source]?.stop();
    this.#update({ local: { ...this.#snapshot.local, [source]: track } });
    await this.#session?.publish(source, track);
  }

  /** The camera first: the desk's first frame waits for it, audio plays as soon as it comes. */
  async #publishAll(session: MediaSession): Promise<void> {
    const { camera, mic } = this.#snapshot.local;
    const plan = this.#plan();
    if (camera) await session.publish('camera', camera, this.#videoOptions());
    if (mic && this.#session === session)
      await session.publish('mic', mic, {
        codecOptions: {
          opusStereo: false,
          opusFec: plan.opus.fec,
          opusDtx: plan.opus.dtx,
          opusPtime: plan.opus.ptime,
          opusMaxAverageBitrate: plan.opus.maxAverageBitrate,
        },
      });
  }

  /** Simulcast where the SFU takes it (the budget picks the top layer), else one encoding capped to the budget. */
  #videoOptions(): PublishOptionsSource {
    return ({ simulcast }) => {
      const plan = this.#plan();
      if (simulcast) return { encodings: SIMULCAST_LAYERS.map((layer) => ({ ...layer, scalabilityMode: 'L1T3' })) };
      return {
        encodings: [
          {
            maxBitrate: Math.max(plan.videoMaxBitrate, 100_000),
            scaleResolutionDownBy: plan.scaleResolutionDownBy,
            maxFramerate: Math.max(plan.maxFramerate, 5),
          },
        ],
      };
    };
  }

  #plan(): MediaPlan {
    return planMedia(this.#budgetKbps, { policyAudioOnly: this.#policyAudioOnly, operatorAudioOnly: this.#snapshot.operatorAudioOnly });
  }

  /** Fits what is sent to the plan: pause video for audio only, else cap it. */
  async #applyPlan(): Promise<void> {
    const plan = this.#plan();
    this.#update({ plan });
    const session = this.#session;
    if (!session || session.state !== 'live') return;
    for (const source of ['camera', 'screen'] as const) {
      const producer = session.producer(source);
      if (!producer) continue;
      if (plan.audioOnly) {
        await session.pause(source);
      } else {
        await session.resume(source);
        const fitted = session.simulcast
          ? producer.setMaxSpatialLayer(simulcastTopLayer(plan))
          : producer.setRtpEncodingParameters({
              maxBitrate: plan.videoMaxBitrate,
              scaleResolutionDownBy: plan.scaleResolutionDownBy,
              maxFramerate: plan.maxFramerate,
            });
        await fitted.catch(() => undefined);
      }
    }
  }

  async #pollStats(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    const produced = (['camera', 'mic', 'screen'] as const).map((source) => {
      const producer = session.producer(source);
      return { key: source, stats: producer && (() => producer.getStats()), direction: 'out' as const };
    });
    const consumed = this.#snapshot.remote.map((r) => {
      const consumer = session.consumer(r.consumerId);
      return { key: r.consumerId, stats: consumer && (() => consumer.getStats()), direction: 'in' as const };
    });
    this.#update({ quality: await this.#quality.poll([...produced, ...consumed]) });
  }

  #update(patch: Partial<MediaSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    for (const listener of this.#listeners) listener();
  }
}
