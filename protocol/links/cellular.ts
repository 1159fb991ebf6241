import { z } from 'zod';
import { NumberMetric, TextMetric, metric } from './metric';

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

/** Radio metrics of a cellular link; every field is absent until the modem has reported it. */
export const CellularRadio = z.object({
  sim: metric(SimState).optional(),
  registration: metric(RegistrationState).optional(),
  technology: metric(AccessTechnology).optional(),
  operatorName: TextMetric.optional(),
  /** MCC-MNC, e.g. `460-00`. */
  plmn: TextMetric.optional(),
  band: TextMetric.optional(),
  cellId: TextMetric.optional(),
  /** Physical cell id of the serving cell (the LTE anchor under EN-DC): what the carrier names a cell by. */
  pci: NumberMetric.optional(),
  /** Its channel: EARFCN (LTE) or NR-ARFCN (NR-SA). */
  arfcn: NumberMetric.optional(),
  rssiDbm: NumberMetric.optional(),
  rsrpDbm: NumberMetric.optional(),
  rsrqDb: NumberMetric.optional(),
  sinrDb: NumberMetric.optional(),
  /** The NR leg of an EN-DC (NSA) connection. */
  nrRsrpDbm: NumberMetric.optional(),
  nrSinrDb: NumberMetric.optional(),
  /** 0..5, derived from the best available signal measure. */
  bars: NumberMetric.optional(),
});
export type CellularRadio = z.infer<typeof CellularRadio>;
