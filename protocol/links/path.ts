import { z } from 'zod';
import { NumberMetric } from './metric';

export const ProbeMethod = z.enum(['udp-echo', 'tcp-connect']);
export type ProbeMethod = z.infer<typeof ProbeMethod>;

/** Path health measured by active probes through the link's own local address. */
export const PathHealth = z.object({
  method: ProbeMethod,
  /** `host:port` probed. */
  target: z.string().max(300),
  /** Round-trip time, mean of the recent good probes. */
  latencyMs: NumberMetric.optional(),
  /** Mean absolute difference of consecutive RTTs (RFC 3550 style). */
  jitterMs: NumberMetric.optional(),
  /** Share of the recent probes that got no answer, 0..100. */
  lossPct: NumberMetric.optional(),
  /** Consecutive probes lost right now. */
  lostInARow: z.number().int().min(0),
});
export type PathHealth = z.infer<typeof PathHealth>;
