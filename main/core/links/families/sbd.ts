import type { SbdLinkConfig } from '../../../../protocol/config/linkConfig';
import type { SbdRadio, SbdOutcome } from '../../../../protocol/links/sbd';
import type { DeviceConnection } from '../../../../native/device/deviceTypes';
import { IridiumSbdDriver } from '../../../../native/iridium/IridiumSbdDriver';
import type { Evaluation } from '../LinkSource';
import { connectionEvaluation } from './connection';
import type { FamilySpec } from './family';
import type { SbdPort } from '../sbdPort';

/** Outcomes that need someone to act (unlock, re-enable, fix the band): the link is down until a session succeeds. */
const NEEDS_ACTION: ReadonlySet<SbdOutcome> = new Set(['locked', 'radio-disabled', 'access-denied', 'band-violation', 'pll-lock-failure']);
/** Outcomes that ask us to wait a while (the transceiver holds automatic sessions 3 minutes). */
const WAIT: ReadonlySet<SbdOutcome> = new Set(['wait-after-registration', 'traffic-management', 'sbd-disabled', 'busy']);
const WAIT_MS = 3 * 60_000;
/** How long a session's outcome speaks for the link. */
const SESSION_VERDICT_MS = 10 * 60_000;

/**
 * Whether an SBD session would succeed now: the antenna, the network service indicator
 * and the bars say so first; then the last session — one that needs action keeps the
 * link down, a "wait" answer makes it degraded for 3 minutes, any other failure makes
 * it degraded until a session succeeds.
 */
export function evaluateSbd(connection: DeviceConnection, radio: SbdRadio, sessionAgeMs = 0): Evaluation {
  const notReady = connectionEvaluation(connection);
  if (notReady) return notReady;
  const fresh = <T>(m: { value: T; stale: boolean } | undefined) => (m && !m.stale ? m.value : undefined);
  if (fresh(radio.antennaFault) === true) return { state: 'down', reason: { code: 'antenna-fault' } };
  const service = fresh(radio.service);
  const bars = fresh(radio.bars);
  if (service === false || bars === 0) return { state: 'down', reason: { code: 'no-service' } };
  if (service === undefined && bars === undefined)
    return { state: 'unknown', reason: { code: radio.bars || radio.service ? 'stale' : 'starting' } };
  const session = radio.lastSession;
  if (session && !session.stale && session.value.outcome !== 'success') {
    const outcome = session.value.outcome;
    if (NEEDS_ACTION.has(outcome)) return { state: 'down', reason: { code: 'sbd-session-failed', detail: outcome } };
    if (WAIT.has(outcome)) {
      if (sessionAgeMs < WAIT_MS) return { state: 'degraded', reason: { code: 'sbd-wait', detail: outcome } };
    } else {
      return { state: 'degraded', reason: { code: 'sbd-session-failed', detail: outcome } };
    }
  }
  if (bars === 1) return { state: 'degraded', reason: { code: 'weak-signal' } };
  return { state: 'up', reason: { code: 'ok' } };
}

/** The Iridium SBD transceiver as a link (driver `iridium-sbd`): messages, not IP. */
export const sbdFamily: FamilySpec<SbdLinkConfig, SbdRadio> = {
  section: 'sbd',
  sampled: ['bars'],
  // The last session is a record: it speaks for 10 minutes, then a later pass decides (a
  // needs-action verdict must not keep the link down forever when no session is run).
  // The IMEI is asked once per init.
  extraStaleMs: () => ({ lastSession: SESSION_VERDICT_MS, ringPending: SESSION_VERDICT_MS, imei: 30 * 86_400_000 }),
  address: (config) => config.port,
  createDriver: (config) =>
    new IridiumSbdDriver({
      path: config.port,
      baudRate: config.baudRate,
      pollIntervalMs: config.pollIntervalMs,
      commandTimeoutMs: config.commandTimeoutMs,
      mailboxCheckIntervalMs: config.mailboxCheckIntervalMs,
      moRetry: config.moRetry,
      checkNetworkTime: config.checkNetworkTime,
    }),
  evaluate: (connection, radio, ageMs) => evaluateSbd(connection, radio, ageMs('lastSession')),
  // A few hundred bytes a minute; the policy sends only control and flash this way.
  capacityKbps: (_config, _radio, state) => (state === 'up' || state === 'degraded' ? 0.05 : 0),
  messagePort: (driver) => (driver instanceof IridiumSbdDriver ? iridiumPort(driver) : undefined),
};

function iridiumPort(driver: IridiumSbdDriver): SbdPort {
  return {
    sendMo: (bytes, options) => driver.sendMo(bytes, options),
    onMt: (listener) => {
      driver.on('mt', listener);
      return () => driver.off('mt', listener);
    },
  };
}
