import { z } from 'zod';

/** A record's id: a lower-case UUIDv7, made where the record was made (see uuid.ts). */
export const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'expected a lower-case UUIDv7');
