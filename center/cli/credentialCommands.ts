import type { GroupName, StaffRole } from '../../protocol/sync/access';
import type { CredentialRole } from '../../protocol/sync/credentials';
import { dataFiles } from '../config/dataDir';
import { makeDataPrivate } from '../../platform/privateFiles';
import { resolveDataDir } from '../config/loadCenterConfig';
import { addCredential, listCredentials, revokeCredential, setAccess } from '../credentials/credentialService';
import type { CenterStore } from '../store/CenterStore';
import { SqliteCenterStore } from '../store/sqlite/SqliteCenterStore';
import type { AccessFlags, CommonFlags } from './args';
import { applyImei, imeiFree } from './imeiCommands';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const NOUN: Record<CredentialRole, string> = { vehicle: 'vehicle', staff: 'staff member' };

/** Opens the data directory's store (the center may be running: SQLite's WAL lets both in). */
async function withStore<T>(common: CommonFlags, work: (store: CenterStore) => Promise<T>): Promise<T> {
  const dataDir = resolveDataDir(common);
  makeDataPrivate(dataDir);
  const store = SqliteCenterStore.open({ file: dataFiles(dataDir).database });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `vehicles add` / `staff add`: prints the id, then the token once, as the last line `token=<token>`. */
export async function addCommand(
  role: CredentialRole,
  name: string,
  id: string | undefined,
  access: AccessFlags,
  common: CommonFlags,
  io: CliOutput,
): Promise<number> {
  const added = await withStore(common, async (store) => {
    if (access.imei && !(await imeiFree(store, access.imei, io))) return undefined;
    const issued = await addCredential(store, role, name, id, access);
    if (access.imei) await applyImei(store, issued.id, access.imei, io);
    return { issued, notes: issued.staffRole === 'admin' ? [] : await groupNotes(store, role, issued.groups) };
  });
  if (!added) return 1;
  const { issued, notes } = added;
  io.out(`Added ${NOUN[role]} "${issued.name}": ${describeAccess(issued.staffRole, issued.groups)}.`);
  for (const note of notes) io.out(note);
  io.out(
    `The token below is shown only this once; the center keeps only its SHA-256. ${role === 'vehicle' ? "Enter it in the vehicle's console." : 'Give it to the staff member.'}`,
  );
  io.out(`id=${issued.id}`);
  io.out(`token=${issued.token}`);
  return 0;
}

export async function listCommand(role: CredentialRole, common: CommonFlags, io: CliOutput): Promise<number> {
  const records = await withStore(common, (store) => listCredentials(store, role));
  if (records.length === 0) {
    io.out(`No ${NOUN[role]}s yet: add one with \`${role === 'vehicle' ? 'vehicles' : 'staff'} add <name>\`.`);
    return 0;
  }
  io.out([...(role === 'staff' ? ['id', 'name', 'role'] : ['id', 'name']), 'groups', 'created', 'revoked'].join('\t'));
  for (const record of records) {
    io.out(
      [
        record.id,
        record.name,
        ...(role === 'staff' ? [record.staffRole ?? 'desk'] : []),
        record.groups.length === 0 ? '-' : record.groups.join(','),
        new Date(record.createdAt).toISOString(),
        record.revokedAt === null ? '-' : new Date(record.revokedAt).toISOString(),
      ].join('\t'),
    );
  }
  return 0;
}

export async function revokeCommand(role: CredentialRole, id: string, common: CommonFlags, io: CliOutput): Promise<number> {
  const found = await withStore(common, (store) => revokeCredential(store, role, id));
  if (!found) {
    io.err(`No ${NOUN[role]} with id "${id}".`);
    return 1;
  }
  io.out(`Revoked ${NOUN[role]} ${id}: its token is refused from now on.`);
  return 0;
}

/** `vehicles set` / `staff set`: changes groups (replaced as a whole) and, for staff, the role. */
export async function setCommand(
  role: CredentialRole,
  id: string,
  access: AccessFlags,
  common: CommonFlags,
  io: CliOutput,
): Promise<number> {
  const result = await withStore(common, async (store) => {
    const changesAccess = access.groups !== undefined || access.staffRole !== undefined;
    if (changesAccess && !(await setAccess(store, role, id, access))) return undefined;
    const record = await store.getCredential(role, id);
    if (!record) return undefined;
    if (access.imei !== undefined && !(await applyImei(store, id, access.imei, io))) return 'refused' as const;
    return { record, notes: record.staffRole === 'admin' ? [] : await groupNotes(store, role, access.groups ?? []) };
  });
  if (!result) {
    io.err(`No ${NOUN[role]} with id "${id}".`);
    return 1;
  }
  if (result === 'refused') return 1;
  const { record, notes } = result;
  io.out(`${role === 'vehicle' ? 'Vehicle' : 'Staff member'} ${id}: ${describeAccess(record.staffRole, record.groups)}.`);
  if (record.revokedAt !== null) io.out(`Note: ${id} is revoked; this takes effect only for its data on the desk.`);
  for (const note of notes) io.out(note);
  if (role === 'staff')
    io.out('Requests already made keep the access they started with; a live feed picks the change up when it reconnects.');
  return 0;
}

/** One line on what a credential may see: the role decides for staff, the groups for everyone. */
function describeAccess(staffRole: StaffRole | null, groups: readonly GroupName[]): string {
  const inGroups = groups.length === 0 ? 'in no group' : `groups ${groups.join(', ')}`;
  if (staffRole === null) return inGroups;
  if (staffRole === 'admin') return `role admin (sees every vehicle), ${inGroups}`;
  return groups.length === 0
    ? 'role desk, in no group: sees no vehicle until given groups (staff set <id> --groups …) or made admin'
    : `role desk, ${inGroups}: sees the vehicles of these groups`;
}

/** Warns about groups nobody on the other side is in: most often a misspelt name. (An admin's groups decide nothing.) */
async function groupNotes(store: CenterStore, role: CredentialRole, groups: readonly GroupName[]): Promise<string[]> {
  if (groups.length === 0) return [];
  const usage = new Map((await store.groupUsage()).map((entry) => [entry.group, entry]));
  return groups
    .filter((group) => (role === 'staff' ? (usage.get(group)?.vehicles ?? 0) : (usage.get(group)?.staff ?? 0)) === 0)
    .map((group) =>
      role === 'staff'
        ? `Note: no vehicle is in group "${group}" yet (misspelt?).`
        : `Note: no staff member is in group "${group}" yet (misspelt?); admins see the vehicle anyway.`,
    );
}
