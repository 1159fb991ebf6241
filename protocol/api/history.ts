import { z } from 'zod';
import { Slug } from '../common';

/** Metrics kept in history, per family: the tile charts draw these. */
export const HistoryMetric = z.enum([
  'rsrpDbm',
  'rsrqDb',
  'sinrDb',
  'rssiDbm',
  'nrRsrpDbm',
  'nrSinrDb',
  'bars',
  'strengthDb',
  'satellitesUsed',
  'hdop',
  'latencyMs',
  'jitterMs',
  'lossPct',
]);
export type HistoryMetric = z.infer<typeof HistoryMetric>;

export const HistoryRange = z.enum(['hour', 'day', 'week']);
export type HistoryRange = z.infer<typeof HistoryRange>;

export const HistoryQuery = z
  .object({
    linkId: Slug,
    metrics: z.array(HistoryMetric).min(1).max(6),
    range: HistoryRange,
  })
  .strict();
export type HistoryQuery = z.infer<typeof HistoryQuery>;

/** Bucketed series on one time axis: `at[i]` with `values[metric][i]` (null = no sample in the bucket). */
export const HistorySeries = z.object({
  linkId: Slug,
  range: HistoryRange,
  bucketMs: z.number().int().positive(),
  at: z.array(z.number()),
  values: z.record(z.string(), z.array(z.number().nullable())),
});
export type HistorySeries = z.infer<typeof HistorySeries>;

export const EventsQuery = z
  .object({
    linkId: Slug.optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const SerialPortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
});
export const SerialPortList = z.object({
  ports: z.array(SerialPortInfo),
  /** Why the list may be incomplete (e.g. no udevadm on Linux). */
  error: z.string().max(500).optional(),
});
export type SerialPortList = z.infer<typeof SerialPortList>;
