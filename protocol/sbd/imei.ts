import { z } from 'zod';

/** An Iridium modem's IMEI: 15 ASCII digits, as DirectIP carries it. */
export const Imei = z.string().regex(/^\d{15}$/, 'an IMEI is 15 digits');
export type Imei = z.infer<typeof Imei>;
