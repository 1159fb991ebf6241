import type { SbdSession } from '../../protocol/links/sbd';
import type { AtResponse } from '../at/AtChannel';
import { AtCommandError } from '../at/atErrors';
import { isExpectedDeviceError } from './expectedErrors';
import { SBDWT_INLINE_MAX_BYTES } from './iridiumAtTables';
import type { SbdMtMessage, SbdReading } from './iridiumTypes';
import type { SbdSessionPlan } from './SbdSessionPlan';
import type { MoAttemptResult } from './SbdMoQueue';
import type { SbdMt, SbdMtUnreadable } from './sbdMoTypes';
import type { MtFrameResult } from './SbdRbFrameReader';
import { networkTime, readMtBinary, writeMoBinary } from './sbdBinaryCommands';
import { SbdError } from './sbdErrors';
import { createLogger } from '../../platform/log/logger';

const log = createLogger('iridium');
import { isSessionSuccess } from './sbdOutcome';
import { parseSessionResult } from './sbdParsers';

export interface SbdSessionRunnerOptions {
  /** Sends one AT command through the driver (counting unanswered ones); resolves with the error final instead of throwing it. */
  send: (command: string, prefix?: string, timeoutMs?: number) => Promise<AtResponse | AtCommandError>;
  /** Arms (or, with undefined, disarms) the text to write when the transceiver answers `READY`. */
  armText: (text: string | undefined) => void;
  /** The same for the bytes (message + checksum) of `AT+SBDWB`. */
  armBytes: (bytes: Buffer | undefined) => void;
  /** The frame the driver's reader took from the answer of the last `AT+SBDRB`. */
  takeMtFrame: () => MtFrameResult;
  plan: SbdSessionPlan;
  sessionTimeoutMs: number;
  /** Ask `AT-MSSTM` before each session and run none without network time. */
  checkNetworkTime: boolean;
  readMessages: boolean;
  onReading: (reading: SbdReading) => void;
  onMessage: (message: SbdMtMessage) => void;
  onMt: (mt: SbdMt) => void;
  onMtUnreadable: (problem: SbdMtUnreadable) => void;
  /** Called after every session, so the driver's loop can look at the plan again. */
  afterSession: () => void;
  /** For the log. */
  name: string;
}

/**
 * Runs SBD sessions one at a time, whoever asks (a caller's `session()`, `sendText()` or
 * an MO attempt, a mailbox check, a fetch after `SBDRING`): a message write and its
 * session are never split by another session. Each result goes to the session plan and
 * out as a reading; a received message is read (`AT+SBDRB`) before the next session clears it.
 */
export class SbdSessionRunner {
  readonly #o: SbdSessionRunnerOptions;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: SbdSessionRunnerOptions) {
    this.#o = options;
  }

  /** A mailbox check now (after any session already queued). */
  session(): Promise<SbdSession> {
    return this.#exclusive(() => this.#run('AT+SBDIX'));
  }

  /** Writes the text to the MO buffer, runs a session, then clears the MO buffer whatever happened. */
  sendText(text: string): Promise<SbdSession> {
    return this.#exclusive(() => this.#withMoBuffer(() => this.#writeText(text)));
  }

  /**
   * One attempt at a binary MO message: `AT+SBDWB`, the session, then `AT+SBDD0`. Never
   * rejects: a session result, or the reason there was none (no network time, the write
   * failed, no `+SBDIX` answer).
   */
  async sendMo(bytes: Uint8Array): Promise<MoAttemptResult> {
    try {
      return { session: await this.#exclusive(() => this.#withMoBuffer(() => writeMoBinary(this.#o.send, this.#o.armBytes, bytes))) };
    } catch (error) {
      if (error instanceof SbdError) return { problem: { code: error.code, detail: error.message } };
      const detail = error instanceof Error ? error.message : String(error);
      if (!isExpectedDeviceError(error)) log.warn(`${this.#o.name}: MO attempt failed`, error);
      return { problem: { code: 'no-session-answer', detail } };
    }
  }

  /** Runs the automatic session the plan wants, if it still wants one once the queue is free. Never rejects. */
  async automatic(): Promise<void> {
    try {
      await this.#exclusive(async () => {
        const due = this.#o.plan.due(Date.now());
        if (due) await this.#run(due === 'ring' ? 'AT+SBDIXA' : 'AT+SBDIX');
      });
    } catch (error) {
      if (!isExpectedDeviceError(error)) log.warn(`${this.#o.name}: automatic session failed`, error);
    }
  }

  #exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(task, task);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Fills the MO buffer, runs a session, and clears the buffer whatever happened (a later mailbox check must not re-send it). */
  async #withMoBuffer(write: () => Promise<void>): Promise<SbdSession> {
    try {
      await write();
      return await this.#run('AT+SBDIX');
    } finally {
      await this.#o.send('AT+SBDD0').catch(() => undefined);
    }
  }

  /**
   * `AT-MSSTM` (unless switched off), then `AT+SBDIX` (or `AT+SBDIXA`, answering a ring
   * alert); emits the result as a reading. Throws SbdError `sbd-no-network-time` without
   * starting a session when the transceiver has no network time.
   */
  async #run(command: 'AT+SBDIX' | 'AT+SBDIXA'): Promise<SbdSession> {
    let session: SbdSession | undefined;
    const startedAt = Date.now();
    try {
      if (this.#o.checkNetworkTime && (await networkTime(this.#o.send)) === 'none')
        throw new SbdError('sbd-no-network-time', `${command} not run: the transceiver has no network time (AT-MSSTM: no network service)`);
      const answer = await this.#o.send(command, '+SBDIX:', this.#o.sessionTimeoutMs);
      if (answer instanceof AtCommandError) throw answer;
      session = answer.lines.map(parseSessionResult).find((s) => s !== undefined);
      if (!session) throw new Error(`${command}: the answer had no valid +SBDIX line`);
    } finally {
      this.#o.plan.sessionDone(session, Date.now(), startedAt);
      this.#o.afterSession();
    }
    const reading: SbdReading = { at: Date.now(), lastSession: session };
    // Only a session that reached the gateway knows what waits there.
    if (isSessionSuccess(session.moStatus) && session.mtStatus !== 2) reading.ringPending = session.mtQueued > 0;
    this.#o.onReading(reading);
    if (session.mtStatus === 1 && this.#o.readMessages) await this.#readMessage(session);
    return session;
  }

  /** Reads the MT buffer in binary; the next session clears it, so this is the only chance. */
  async #readMessage(session: SbdSession): Promise<void> {
    const { mtmsn, mtQueued: queued } = session;
    try {
      const bytes = await readMtBinary(this.#o.send, this.#o.takeMtFrame, session.mtLength);
      const at = Date.now();
      this.#o.onMt({ mtmsn, bytes: new Uint8Array(bytes), queued, at });
      this.#o.onMessage({ mtmsn, text: bytes.toString('utf8'), at });
    } catch (error) {
      if (error instanceof SbdError) this.#o.onMtUnreadable({ mtmsn, detail: error.message, at: Date.now() });
      else if (!isExpectedDeviceError(error)) log.warn(`${this.#o.name}: reading the MT buffer failed`, error);
    }
  }

  /** One-line `AT+SBDWT=<text>` up to 120 bytes; beyond, `AT+SBDWT` → `READY` → text → `0`. */
  async #writeText(text: string): Promise<void> {
    if (Buffer.byteLength(text, 'utf8') <= SBDWT_INLINE_MAX_BYTES) {
      const written = await this.#o.send(`AT+SBDWT=${text}`);
      if (written instanceof AtCommandError) throw written;
      return;
    }
    this.#o.armText(text);
    try {
      const answer = await this.#o.send('AT+SBDWT');
      if (answer instanceof AtCommandError) throw answer;
      const status = answer.lines.find((line) => /^\d$/.test(line));
      if (status !== '0') throw new Error(`AT+SBDWT: the transceiver did not store the message (status ${status ?? 'missing'})`);
    } finally {
      this.#o.armText(undefined);
    }
  }
}
