import { z } from 'zod';
import { Slug, Timestamp } from '../common';

/** What traffic the vehicle sends, most urgent first. */
export const TrafficClass = z.enum(['control', 'flash', 'live', 'routine', 'bulk']);
export type TrafficClass = z.infer<typeof TrafficClass>;

/** Why a class goes where it goes (or is held). The renderer translates `policy.<code>`. */
export const PolicyReasonCode = z.enum([
  'best',
  'kept',
  'pinned',
  'pin-unavailable',
  'only-sbd',
  'audio-only',
  'held-no-link',
  'held-metered',
  'held-narrow',
]);
export type PolicyReasonCode = z.infer<typeof PolicyReasonCode>;

export const ClassDecision = z.object({
  trafficClass: TrafficClass,
  /** The link to use; null while the class is held. */
  linkId: Slug.nullable(),
  /** Bitrate budget on that link, kbit/s (0 when held). */
  budgetKbps: z.number().min(0),
  reason: PolicyReasonCode,
  /** e.g. the pinned link's name when it is unavailable. */
  detail: z.string().max(200).optional(),
});
export type ClassDecision = z.infer<typeof ClassDecision>;

export const LinkPolicy = z.object({
  decisions: z.array(ClassDecision),
  /** When this policy was decided. */
  at: Timestamp,
});
export type LinkPolicy = z.infer<typeof LinkPolicy>;

/** Whether a link of this kind can ever carry the class (for the pin menu): Iridium SBD only control and flash, GNSS nothing, HF only with a data modem. */
export function canCarry(trafficClass: TrafficClass, link: { kind: string; capacityKbps: number }): boolean {
  if (link.kind === 'gnss') return false;
  if (link.kind === 'satellite-sbd') return trafficClass === 'control' || trafficClass === 'flash';
  if (link.kind === 'hf') return link.capacityKbps > 0;
  return true;
}

/** The operator's overrides: a class pinned to a link, and whether metered links may carry bulk. */
export const PolicyPins = z.partialRecord(TrafficClass, Slug);
export type PolicyPins = z.infer<typeof PolicyPins>;
