import { OperatorError } from '../../platform/OperatorError';
import { VehicleId, type CredentialRole } from '../../protocol/sync/credentials';
import type { CenterStore, CredentialRecord } from '../store/CenterStore';
import { hashToken, idForName, issueToken } from './tokens';

/** Longest name: a vehicle's travels in HelloResponse (64), a staff member's as an order's `from` (100). */
export const MAX_NAME: Record<CredentialRole, number> = { vehicle: 64, staff: 100 };

/** A bad name or id given to `add`; the CLI prints it in one line. */
export class CredentialInputError extends OperatorError {}

export interface IssuedCredential {
  role: CredentialRole;
  id: string;
  name: string;
  /** The only time the token exists outside the vehicle or the staff member's hands. */
  token: string;
}

/** Creates a credential and returns its token; only the token's SHA-256 is stored. */
export async function addCredential(
  store: CenterStore,
  role: CredentialRole,
  rawName: string,
  requestedId?: string,
  now = Date.now(),
): Promise<IssuedCredential> {
  const name = rawName.trim();
  if (name.length === 0) throw new CredentialInputError('the name is empty');
  if ([...name].length > MAX_NAME[role]) throw new CredentialInputError(`the name is longer than ${MAX_NAME[role]} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new CredentialInputError('the name contains control characters');
  let id = requestedId ?? idForName(name, role === 'vehicle' ? 'v' : 's');
  if (requestedId !== undefined) {
    const checked = VehicleId.safeParse(requestedId);
    if (!checked.success) throw new CredentialInputError(`--id "${requestedId}": ${checked.error.issues[0]?.message ?? 'invalid'}`);
    id = checked.data;
  }
  const token = issueToken(role, id);
  await store.addCredential({ role, id, name, tokenSha256: hashToken(token), createdAt: now });
  return { role, id, name, token };
}

export function listCredentials(store: CenterStore, role: CredentialRole): Promise<CredentialRecord[]> {
  return store.listCredentials(role);
}

export function revokeCredential(store: CenterStore, role: CredentialRole, id: string, now = Date.now()): Promise<boolean> {
  return store.revokeCredential(role, id, now);
}
