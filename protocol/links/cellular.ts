import { z } from 'zod';

/** SIM card state from `AT+CPIN?` (and `+CME ERROR: 10..15`). */
export const SimState = z.enum(['ready', 'absent', 'pin-required', 'puk-required', 'failure', 'busy', 'unknown']);
export type SimState = z.infer<typeof SimState>;

/** 3GPP TS 27.007 registration `<stat>`, folded into the states an operator acts on. */
export const RegistrationState = z.enum([
  'not-registered',
  'home',
  'searching',
  'denied',
  'unknown',
  'roaming',
  'sms-only',
  'emergency-only',
]);
export type RegistrationState = z.infer<typeof RegistrationState>;

/** Radio access technology, from `+QENG` when the modem has it, else from the 27.007 `<AcT>`. */
export const AccessTechnology = z.enum(['gsm', 'umts', 'hspa', 'lte', 'nb-iot', 'nr5g-sa', 'nr5g-nsa', 'unknown']);
export type AccessTechnology = z.infer<typeof AccessTechnology>;

export function isRegistered(state: RegistrationState): boolean {
  return state === 'home' || state === 'roaming';
}
