import { encodeItem } from '../../../protocol/sync/codec';
import type { ExchangeRequest } from '../../../protocol/sync/exchange';
import type { SyncItem } from '../../../protocol/sync/items';
import { derivedUuidv7, uuidv7 } from '../../../protocol/sync/uuid';
import { hashToken } from '../../../center/credentials/tokens';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { join } from 'node:path';

export const T0 = 1_790_000_000_000;

/** A real SQLite store in a temp folder with one vehicle, closed by the caller. */
export async function storeWithVehicle(dir: string, vehicleId = 'mcv-07'): Promise<SqliteCenterStore> {
  const store = SqliteCenterStore.open({ file: join(dir, 'center.db') });
  await store.addCredential({
    role: 'vehicle',
    id: vehicleId,
    name: vehicleId.toUpperCase(),
    tokenSha256: hashToken(`token-of-${vehicleId}`),
    createdAt: T0,
  });
  return store;
}

export function message(seq: number, text = `message ${seq}`, id = uuidv7(T0 + seq)): SyncItem {
  return { kind: 'message', seq, id, priority: 'immediate', createdAt: T0 + seq * 1000, body: { text } };
}

export function position(vehicleId: string, seq: number, createdAt: number, latitude = 30.5, longitude = 103.9): SyncItem {
  return {
    kind: 'position',
    seq,
    id: derivedUuidv7(vehicleId, seq, createdAt),
    priority: 'routine',
    createdAt,
    body: { latitude, longitude, fix: '3d' },
  };
}

export function exchange(items: SyncItem[], downAck = 0, extra: Partial<ExchangeRequest> = {}): ExchangeRequest {
  return { v: 1, items: items.map(encodeItem), downAck, ...extra };
}
