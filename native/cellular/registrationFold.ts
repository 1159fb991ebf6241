import type { AccessTechnology, RegistrationState } from '../../protocol/links/cellular';
import { isRegistered } from '../../protocol/links/cellular';
import type { RegistrationAnswer } from './cellularParsers';

/** Registration outcomes ordered best first. */
const RANK: readonly RegistrationState[] = [
  'home',
  'roaming',
  'searching',
  'denied',
  'emergency-only',
  'sms-only',
  'not-registered',
  'unknown',
];

export interface FoldedRegistration {
  state: RegistrationState;
  /** From `<AcT>` of a registered domain, when one gave it. */
  technology: AccessTechnology | undefined;
}

/**
 * Folds the latest answer of each registration domain into the one state the operator
 * sees. The packet domains (GPRS, EPS, 5GS) decide, best first; circuit-switched CREG
 * counts only when no packet domain answered, since a voice-only registration carries
 * no data. Undefined when no domain has answered yet.
 */
export function foldRegistration(answers: readonly RegistrationAnswer[]): FoldedRegistration | undefined {
  const packet = answers.filter((a) => a.domain !== 'CREG');
  const deciding = packet.length > 0 ? packet : answers;
  if (deciding.length === 0) return undefined;
  const best = deciding.reduce((a, b) => (RANK.indexOf(b.state) < RANK.indexOf(a.state) ? b : a));
  const technology = isRegistered(best.state) ? deciding.find((a) => isRegistered(a.state) && a.technology)?.technology : undefined;
  return { state: best.state, technology };
}
