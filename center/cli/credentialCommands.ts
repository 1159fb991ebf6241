import type { CredentialRole } from '../../protocol/sync/credentials';
import { dataFiles } from '../config/dataDir';
import { resolveDataDir } from '../config/loadCenterConfig';
import { addCredential, listCredentials, revokeCredential } from '../credentials/credentialService';
import type { CenterStore } from '../store/CenterStore';
import { SqliteCenterStore } from '../store/sqlite/SqliteCenterStore';
import type { CommonFlags } from './args';

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const NOUN: Record<CredentialRole, string> = { vehicle: 'vehicle', staff: 'staff member' };

/** Opens the data directory's store (the center may be running: SQLite's WAL lets both in). */
async function withStore<T>(common: CommonFlags, work: (store: CenterStore) => Promise<T>): Promise<T> {
  const store = SqliteCenterStore.open({ file: dataFiles(resolveDataDir(common)).database });
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
  common: CommonFlags,
  io: CliOutput,
): Promise<number> {
  const issued = await withStore(common, (store) => addCredential(store, role, name, id));
  io.out(`Added ${NOUN[role]} "${issued.name}".`);
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
  io.out(['id', 'name', 'created', 'revoked'].join('\t'));
  for (const record of records) {
    io.out(
      [
        record.id,
        record.name,
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
