import { z } from 'zod';
import { Uuid } from '../sync/items';
import { VehicleId } from '../sync/credentials';

/**
 * `GET /desk/v1/vehicles/<id>/iridium`: what went to and came from one vehicle by Iridium
 * SBD — its modem's IMEI, the latest MT messages with the gateway's answer, the latest MO
 * deliveries. The desk shows an MT message's state with its reason ("queued at the
 * Iridium gateway, position 2", "IMEI unknown").
 */
export const deskIridiumPath = (vehicleId: string) => `/desk/v1/vehicles/${encodeURIComponent(vehicleId)}/iridium`;

const Ms = z.number().int().min(0);

/**
 * `sending`: no answer yet; `queued`: the gateway holds it for the modem (status 0–50 is the
 * queue position); `refused`: a negative status (`code` names it, e.g. `unknown-imei`);
 * `failed`: no confirmation at all (`detail` says why: no connection, no answer).
 */
export const MtState = z.enum(['sending', 'queued', 'refused', 'failed']);
export type MtState = z.infer<typeof MtState>;

export const DeskMtMessage = z
  .object({
    clientMessageId: z.number().int().min(1),
    itemIds: z.array(Uuid),
    payloadBytes: z.number().int().min(0),
    /** DirectIP MT priority, 1 highest – 5. */
    priority: z.number().int().min(1).max(5).nullable(),
    createdAt: Ms,
    state: MtState,
    /** The gateway's status: 0–50 queue position, negative refusal; null without a confirmation. */
    status: z.number().int().nullable(),
    /** `queued`, a refusal's short code (`unknown-imei`, `queue-full` …), `no-confirmation`, or null while sending. */
    code: z.string().max(40).nullable(),
    /** In English, for a tooltip: the status's meaning or why there was no confirmation. */
    detail: z.string().max(500),
    confirmedAt: Ms.nullable(),
  })
  .strict();
export type DeskMtMessage = z.infer<typeof DeskMtMessage>;

export const DeskMoSession = z
  .object({
    cdrReference: z.number().int().min(0),
    sessionStatus: z.number().int().min(0).max(255),
    momsn: z.number().int().min(0).max(65535),
    sessionAt: Ms,
    receivedAt: Ms,
    payloadBytes: z.number().int().min(0),
    items: z.number().int().min(0),
    held: z.number().int().min(0),
    location: z
      .object({ latitude: z.number(), longitude: z.number(), cepKm: z.number().int().min(0) })
      .strict()
      .nullable(),
  })
  .strict();
export type DeskMoSession = z.infer<typeof DeskMoSession>;

export const DeskIridiumResponse = z
  .object({
    vehicleId: VehicleId,
    imei: z.string().nullable(),
    /** Newest first, at most 50. */
    mt: z.array(DeskMtMessage),
    /** Newest first, at most 50. */
    mo: z.array(DeskMoSession),
  })
  .strict();
export type DeskIridiumResponse = z.infer<typeof DeskIridiumResponse>;
