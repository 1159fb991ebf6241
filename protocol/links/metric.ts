import { z } from 'zod';
import { Timestamp } from '../common';

/** A measured value, when it was last seen, and whether that is too long ago to trust. */
export function metric<T extends z.ZodType>(value: T) {
  return z.object({ value, at: Timestamp, stale: z.boolean() });
}

export const NumberMetric = metric(z.number());
export type NumberMetric = z.infer<typeof NumberMetric>;
export const TextMetric = metric(z.string().max(200));
export type TextMetric = z.infer<typeof TextMetric>;
export const BooleanMetric = metric(z.boolean());
export type BooleanMetric = z.infer<typeof BooleanMetric>;

export interface Metric<T> {
  value: T;
  at: Timestamp;
  stale: boolean;
}
