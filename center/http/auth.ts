import type { IncomingMessage } from 'node:http';
import { parseToken, type CredentialRole } from '../../protocol/sync/credentials';
import { tokenMatches } from '../credentials/tokens';
import type { CenterStore } from '../store/CenterStore';
import { loadStaffAccess, type StaffAccess } from './access';
import { CenterHttpError, unauthorized } from './errors';

export interface Principal {
  role: CredentialRole;
  id: string;
  name: string;
  /** Staff only (absent for a vehicle): their role, groups and the vehicles they may see (center/http/access.ts). */
  access?: StaffAccess;
}

/**
 * Checks `Authorization: Bearer <token>` against the stored SHA-256 of the credential
 * the token names (constant-time compare). Missing, malformed, unknown, wrong and
 * revoked tokens all get the same 401; a valid token of the other role gets 403. A staff
 * member's access (role, groups, visible vehicles) is read here, once per request.
 */
export async function authenticate(req: IncomingMessage, store: CenterStore, role: CredentialRole): Promise<Principal> {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header) : null;
  if (!match) throw unauthorized();
  const token = match[1]!;
  const claimed = parseToken(token);
  const credential = claimed ? await store.getCredential(claimed.role, claimed.id) : undefined;
  const valid = tokenMatches(token, credential?.tokenSha256);
  if (!claimed || !credential || !valid || credential.revokedAt !== null) throw unauthorized();
  if (claimed.role !== role) {
    throw new CenterHttpError(
      'forbidden',
      role === 'vehicle'
        ? 'this endpoint is for vehicles; a staff token cannot sync'
        : 'this endpoint is for center staff; a vehicle token cannot use the desk',
    );
  }
  const principal: Principal = { role, id: credential.id, name: credential.name };
  if (role === 'staff') principal.access = await loadStaffAccess(store, credential);
  return principal;
}

/** As `authenticate`, for endpoints both roles use: the token says which it is. */
export async function authenticateAnyRole(req: IncomingMessage, store: CenterStore): Promise<Principal> {
  const header = req.headers.authorization;
  const token = typeof header === 'string' ? /^Bearer +(\S+) *$/i.exec(header)?.[1] : undefined;
  return authenticate(req, store, (token && parseToken(token)?.role) || 'vehicle');
}

/**
 * Records an authenticated vehicle request (`last_contact_at`), best effort: a full
 * disk must not turn a read such as HEAD or hello into an error.
 */
export async function recordContact(store: CenterStore, vehicleId: string): Promise<void> {
  try {
    await store.touchVehicle(vehicleId, Date.now());
  } catch {
    // The next request that can write will record it.
  }
}
