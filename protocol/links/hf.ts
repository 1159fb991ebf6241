import { z } from 'zod';
import { BooleanMetric, NumberMetric, TextMetric } from './metric';

/** An HF transceiver through Hamlib rigctld or Icom CI-V. */
export const HfRadio = z.object({
  frequencyHz: NumberMetric.optional(),
  /** USB, LSB, CW, AM, FM, RTTY, PKTUSB, … as the rig names it. */
  mode: TextMetric.optional(),
  passbandHz: NumberMetric.optional(),
  /** Signal strength in dB relative to S9 (Hamlib STRENGTH: S9 = 0, S0 ≈ −54). */
  strengthDb: NumberMetric.optional(),
  /** Transmitting. */
  ptt: BooleanMetric.optional(),
  powerOn: BooleanMetric.optional(),
  /** RF power setting 0..1. */
  rfPower: NumberMetric.optional(),
});
export type HfRadio = z.infer<typeof HfRadio>;
