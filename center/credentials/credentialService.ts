import { OperatorError } from '../../platform/OperatorError';
import type { GroupName, StaffRole } from '../../protocol/sync/access';
import { VehicleId, type CredentialRole } from '../../protocol/sync/credentials';
import type { AccessChange, CenterStore, CredentialRecord } from '../store/CenterStore';
import { hashToken, idForName, issueToken } from './tokens';

/** Longest name: a vehicle's travels in HelloResponse (64), a staff member's as an order's `from` (100). */
export const MAX_NAME: Record<CredentialRole, number> = { vehicle: 64, staff: 100 };

/** A bad name or id given to `add`; the CLI prints it in one line. */
export class CredentialInputError extends OperatorError {}

/** Groups and (staff only) role of a new credential. */
export interface AccessInput {
  groups?: readonly GroupName[] | undefined;
  /** Staff only; default `desk`. */
  staffRole?: StaffRole | undefined;
}

export interface IssuedCredential {
  role: CredentialRole;
  id: string;
  name: string;
  groups: readonly GroupName[];
  /** Null for a vehicle. */
  staffRole: StaffRole | null;
  /** The only time the token exists outside the vehicle or the staff member's hands. */
  token: string;
}

/** Creates a credential and returns its token; only the token's SHA-256 is stored. New staff are `desk` unless told otherwise. */
export async function addCredential(
  store: CenterStore,
  role: CredentialRole,
  rawName: string,
  requestedId?: string,
  access: AccessInput = {},
  now = Date.now(),
): Promise<IssuedCredential> {
  if (role === 'vehicle' && access.staffRole !== undefined) throw new CredentialInputError('a vehicle has no role; --role is for staff');
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
  const groups = [...new Set(access.groups ?? [])].sort();
  const common = { id, name, tokenSha256: hashToken(token), createdAt: now, groups };
  const staffRole = role === 'staff' ? (access.staffRole ?? 'desk') : null;
  await store.addCredential(staffRole ? { ...common, role: 'staff', staffRole } : { ...common, role: 'vehicle' });
  return { role, id, name, groups, staffRole, token };
}

/** Changes a credential's groups and (staff) role; false when there is no such credential. */
export async function setAccess(store: CenterStore, role: CredentialRole, id: string, change: AccessChange): Promise<boolean> {
  if (role === 'vehicle' && change.staffRole !== undefined) throw new CredentialInputError('a vehicle has no role; --role is for staff');
  const groups = change.groups === undefined ? undefined : [...new Set(change.groups)].sort();
  return store.setAccess(role, id, { groups, staffRole: change.staffRole });
}

export function listCredentials(store: CenterStore, role: CredentialRole): Promise<CredentialRecord[]> {
  return store.listCredentials(role);
}

export function revokeCredential(store: CenterStore, role: CredentialRole, id: string, now = Date.now()): Promise<boolean> {
  return store.revokeCredential(role, id, now);
}
