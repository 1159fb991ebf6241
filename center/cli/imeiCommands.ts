import type { CenterStore } from '../store/CenterStore';
import type { CliOutput } from './credentialCommands';

/** Refuses (exit 1, before anything is created) an IMEI another vehicle already has. */
export async function imeiFree(store: CenterStore, imei: string, io: CliOutput): Promise<boolean> {
  const holder = await store.iridium.vehicleByImei(imei);
  if (!holder) return true;
  io.err(`IMEI ${imei} is already the modem of vehicle ${holder.vehicleId}; one modem belongs to one vehicle.`);
  return false;
}

/** Maps (or with null unmaps) a vehicle's IMEI and says so; false when refused. */
export async function applyImei(store: CenterStore, vehicleId: string, imei: string | null, io: CliOutput): Promise<boolean> {
  const result = await store.iridium.setImei(vehicleId, imei);
  if (result.outcome === 'taken') {
    io.err(`IMEI ${imei} is already the modem of vehicle ${result.by}; one modem belongs to one vehicle.`);
    return false;
  }
  if (result.outcome === 'unknown-vehicle') {
    io.err(`No vehicle with id "${vehicleId}".`);
    return false;
  }
  io.out(
    imei === null
      ? `Vehicle ${vehicleId}: no Iridium modem now.`
      : `Vehicle ${vehicleId}: Iridium modem IMEI ${imei} (DirectIP MO from it is this vehicle's).`,
  );
  return true;
}
