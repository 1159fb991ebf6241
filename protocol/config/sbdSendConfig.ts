import { z } from 'zod';
import { Priority } from '../sync/items';

/**
 * When the sync engine may send items by Iridium SBD (docs/sync.md, "Iridium SBD"): only
 * items of these priorities, only while no IP link can carry them, and within a monthly
 * message budget (SBD is billed per message). Flash items go even past the budget: a
 * flash message that waits for a cheaper link is the one a crew cannot afford.
 */
export const SbdSendConfig = z
  .object({
    /** Priorities that may go by SBD. Default flash and immediate. */
    priorities: z.array(Priority).min(1).default(['flash', 'immediate']),
    /** Messages a calendar month (the console's local time) before only flash items go; 0 = flash only. Default 50. */
    monthlyMessages: z.number().int().min(0).max(100_000).default(50),
  })
  .strict();
export type SbdSendConfig = z.infer<typeof SbdSendConfig>;

export const DEFAULT_SBD_SEND: SbdSendConfig = SbdSendConfig.parse({});
