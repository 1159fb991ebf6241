import { z } from 'zod';

/**
 * Other vehicles of the same center on the console's map: the latest position of each, as
 * the center sent it down (docs/sync.md, "Fleet positions"; docs/maps.md).
 */
export const FleetPositionView = z.object({
  vehicleId: z.string(),
  name: z.string(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  fix: z.enum(['2d', '3d']),
  /** The other vehicle's fix time (its clock), ms. */
  fixAt: z.number().int(),
  /** When this console received it, ms. */
  receivedAt: z.number().int(),
});
export type FleetPositionView = z.infer<typeof FleetPositionView>;

export const fleetMethods = {
  /** Every other vehicle this console has a position of, by name. */
  'fleet.positions': { params: z.object({}).strict(), result: z.array(FleetPositionView) },
} as const;

export const fleetEvents = {
  /** The whole list, after an exchange brought a newer position of at least one vehicle. */
  'fleet.changed': z.array(FleetPositionView),
} as const;
