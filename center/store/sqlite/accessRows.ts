import type { GroupName, StaffRole } from '../../../protocol/sync/access';
import type { CredentialRole } from '../../../protocol/sync/credentials';
import type { CredentialRecord, GroupUsage } from '../CenterStore';
import { bytes, type Statements } from './statements';

/** Staff roles and vehicle groups in SQLite (migration 12); called by SqliteCenterStore inside its queue. */

/** A credential's groups, sorted. */
export function groupsOf(statements: Statements, role: CredentialRole, id: string): GroupName[] {
  const rows = statements
    .get('SELECT group_name FROM credential_groups WHERE role = ? AND id = ? ORDER BY group_name')
    .all(role, id) as Array<{
    group_name: string;
  }>;
  return rows.map((row) => row.group_name);
}

/** Replaces a credential's groups. Call inside a transaction. */
export function replaceGroups(statements: Statements, role: CredentialRole, id: string, groups: readonly GroupName[]): void {
  statements.get('DELETE FROM credential_groups WHERE role = ? AND id = ?').run(role, id);
  const insert = statements.get('INSERT OR IGNORE INTO credential_groups (role, id, group_name) VALUES (?, ?, ?)');
  for (const group of groups) insert.run(role, id, group);
}

/** A stored staff role; a staff row without one (never written by this store) counts as the narrower `desk`. */
export function staffRoleOf(role: CredentialRole, stored: string | null): StaffRole | null {
  if (role !== 'staff') return null;
  return stored === 'admin' ? 'admin' : 'desk';
}

export function vehiclesInGroups(statements: Statements, groups: readonly GroupName[]): string[] {
  if (groups.length === 0) return [];
  // No DISTINCT / ORDER BY here: with them SQLite walks every vehicle's rows by primary key
  // instead of seeking the group index (test: staffAccessStore.test.ts). Deduplicated below.
  const rows = statements
    .get(`SELECT id FROM credential_groups WHERE role = 'vehicle' AND group_name IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(groups)) as Array<{ id: string }>;
  return [...new Set(rows.map((row) => row.id))].sort();
}

export function groupUsage(statements: Statements): GroupUsage[] {
  const rows = statements
    .get(
      `SELECT g.group_name AS name,
              SUM(g.role = 'vehicle' AND c.revoked_at IS NULL) AS vehicles,
              SUM(g.role = 'staff' AND c.revoked_at IS NULL) AS staff
       FROM credential_groups g JOIN credentials c ON c.role = g.role AND c.id = g.id
       GROUP BY g.group_name ORDER BY g.group_name`,
    )
    .all() as Array<{ name: string; vehicles: number; staff: number }>;
  return rows.map((row) => ({ group: row.name, vehicles: row.vehicles, staff: row.staff }));
}

/** A `credentials` row as SELECT * reads it. */
export interface CredentialRow {
  role: CredentialRole;
  id: string;
  name: string;
  token_sha256: unknown;
  created_at: number;
  revoked_at: number | null;
  staff_role: string | null;
}

export function credentialOf(row: CredentialRow, groups: GroupName[]): CredentialRecord {
  return {
    role: row.role,
    id: row.id,
    name: row.name,
    tokenSha256: bytes(row.token_sha256),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    groups,
    staffRole: staffRoleOf(row.role, row.staff_role),
  };
}
