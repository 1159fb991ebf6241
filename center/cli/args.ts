import { OperatorError } from '../../platform/OperatorError';
import { parseArgs } from 'node:util';
import { GroupList, GroupName, StaffRole } from '../../protocol/sync/access';
import type { CredentialRole } from '../../protocol/sync/credentials';
import type { ServeFlags } from '../config/loadCenterConfig';
import { Imei } from '../../protocol/sbd/imei';

export const USAGE = `MCV center: the fixed command center's sync and desk server.

usage: npm run center -- [serve] [options]
       npm run center -- vehicles add <name> [--id ID] [--groups A,B] [--imei N] | vehicles set <id> [--groups A,B] [--imei N]
       npm run center -- vehicles list | vehicles revoke <id>
       npm run center -- staff add <name> [--id ID] [--role desk|admin] [--groups A,B]
       npm run center -- staff set <id> [--role desk|admin] [--groups A,B]
       npm run center -- staff list | staff revoke <id>

serve options (each wins over the config file):
  --config FILE      center.json (keys: dataDir, host, port, tls {cert, key}, allowPlain, echoPort, maxAttachmentBytes, media {…}, iridium {directIp, rockblock}; docs/center.md)
  --data-dir DIR     database and attachments (default $MCV_CENTER_DATA_DIR, else ~/.local/share/mcv-center)
  --host ADDR        address to listen on (default 127.0.0.1)
  --port N           HTTP(S) port (default 7000; 0 picks a free one)
  --tls-cert FILE    PEM certificate; with --tls-key the center speaks HTTPS
  --tls-key FILE     PEM private key
  --allow-plain      plain HTTP beyond loopback (behind a TLS proxy or on a closed network)
  --echo-port N      UDP echo port for the consoles' path probes (default 7007; 0 turns it off)

vehicles / staff options: --data-dir DIR, --config FILE (for its dataDir).
"add" prints the new token once, as the last line: token=<token>. Keep it; the center stores only its hash.

Access: an admin sees and commands every vehicle; desk staff (the default role) only the
vehicles that share a group with them, and none while they are in no group.
  --role desk|admin  staff only
  --groups A,B       vehicle groups, comma-separated (lower-case letters of any script, digits, - and _;
                     up to 32 characters each); "set" replaces the list, --groups "" empties it
  --imei N           vehicles only: the 15-digit IMEI of its Iridium modem (DirectIP); --imei "" removes it`;

/** A command line that cannot be understood; the CLI prints it with the usage and exits 2. */
export class UsageError extends OperatorError {}

export interface CommonFlags {
  config?: string;
  dataDir?: string;
}

export type CliCommand =
  | { command: 'help' }
  | { command: 'serve'; flags: ServeFlags }
  | { command: 'add'; role: CredentialRole; name: string; id?: string; access: AccessFlags; common: CommonFlags }
  | { command: 'set'; role: CredentialRole; id: string; access: AccessFlags; common: CommonFlags }
  | { command: 'list'; role: CredentialRole; common: CommonFlags }
  | { command: 'revoke'; role: CredentialRole; id: string; common: CommonFlags };

/** `--role` and `--groups`, checked against protocol/sync/access.ts. */
export interface AccessFlags {
  staffRole?: StaffRole;
  groups?: GroupName[];
  /** Vehicles only: the Iridium modem's IMEI; null removes it. */
  imei?: string | null;
}

const COMMON_OPTIONS = { config: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } } as const;
const SERVE_OPTIONS = {
  ...COMMON_OPTIONS,
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'allow-plain': { type: 'boolean' },
  'echo-port': { type: 'string' },
} as const;

/** Parses the CLI's arguments (after `node main.js`); throws UsageError naming what is wrong. */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === undefined || first.startsWith('-')) return parseServe(argv);
  if (first === 'serve') return parseServe(rest);
  if (first === 'help') return { command: 'help' };
  if (first === 'vehicles' || first === 'staff') return parseCredentials(first === 'vehicles' ? 'vehicle' : 'staff', rest);
  throw new UsageError(`unknown command "${first}"`);
}

function parse<O extends Record<string, { type: 'string' | 'boolean' }>>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function portFlag(value: string | boolean | undefined, flag: string): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError(`${flag} must be 0..65535, got "${value}"`);
  return Number(value);
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function common(values: Record<string, string | boolean | undefined>): CommonFlags {
  const flags: CommonFlags = {};
  const config = text(values.config);
  const dataDir = text(values['data-dir']);
  if (config !== undefined) flags.config = config;
  if (dataDir !== undefined) flags.dataDir = dataDir;
  return flags;
}

function parseServe(args: readonly string[]): CliCommand {
  const { values, positionals } = parse(args, SERVE_OPTIONS);
  if (values.help) return { command: 'help' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const flags: ServeFlags = { ...common(values) };
  const host = text(values.host);
  const port = portFlag(values.port, '--port');
  const echoPort = portFlag(values['echo-port'], '--echo-port');
  const tlsCert = text(values['tls-cert']);
  const tlsKey = text(values['tls-key']);
  if (host !== undefined) flags.host = host;
  if (port !== undefined) flags.port = port;
  if (echoPort !== undefined) flags.echoPort = echoPort;
  if (tlsCert !== undefined) flags.tlsCert = tlsCert;
  if (tlsKey !== undefined) flags.tlsKey = tlsKey;
  if (values['allow-plain']) flags.allowPlain = true;
  return { command: 'serve', flags };
}

function parseCredentials(role: CredentialRole, args: readonly string[]): CliCommand {
  const group = role === 'vehicle' ? 'vehicles' : 'staff';
  const [action, ...rest] = args;
  if (action === undefined || action === '--help' || action === 'help') return { command: 'help' };
  if (action === 'add') {
    const { values, positionals } = parse(rest, { ...COMMON_OPTIONS, ...ACCESS_OPTIONS, id: { type: 'string' } });
    if (values.help) return { command: 'help' };
    if (positionals.length !== 1) throw new UsageError(`${group} add takes one name (quote a name with spaces), got ${positionals.length}`);
    const id = text(values.id);
    const access = accessFlags(role, values);
    return { command: 'add', role, name: positionals[0]!, ...(id !== undefined ? { id } : {}), access, common: common(values) };
  }
  if (action === 'set') {
    const { values, positionals } = parse(rest, { ...COMMON_OPTIONS, ...ACCESS_OPTIONS });
    if (values.help) return { command: 'help' };
    if (positionals.length !== 1) throw new UsageError(`${group} set takes one id, got ${positionals.length}`);
    const access = accessFlags(role, values);
    if (access.staffRole === undefined && access.groups === undefined && access.imei === undefined)
      throw new UsageError(role === 'staff' ? 'staff set needs --role and/or --groups' : 'vehicles set needs --groups and/or --imei');
    return { command: 'set', role, id: positionals[0]!, access, common: common(values) };
  }
  if (action === 'list' || action === 'revoke') {
    const { values, positionals } = parse(rest, COMMON_OPTIONS);
    if (values.help) return { command: 'help' };
    if (action === 'list') {
      if (positionals.length > 0) throw new UsageError(`${group} list takes no arguments`);
      return { command: 'list', role, common: common(values) };
    }
    if (positionals.length !== 1) throw new UsageError(`${group} revoke takes one id`);
    return { command: 'revoke', role, id: positionals[0]!, common: common(values) };
  }
  throw new UsageError(`unknown command "${group} ${action}"`);
}

const ACCESS_OPTIONS = { role: { type: 'string' }, groups: { type: 'string' }, imei: { type: 'string' } } as const;

function accessFlags(credential: CredentialRole, values: Record<string, string | boolean | undefined>): AccessFlags {
  const flags: AccessFlags = {};
  const role = text(values.role);
  if (role !== undefined && credential === 'vehicle') throw new UsageError('vehicles have no role; --role is for staff');
  if (role !== undefined) {
    const checked = StaffRole.safeParse(role);
    if (!checked.success) throw new UsageError(`--role must be desk or admin, got "${role}"`);
    flags.staffRole = checked.data;
  }
  const groups = text(values.groups);
  if (groups !== undefined) flags.groups = parseGroups(groups);
  const imei = imeiFlag(credential, text(values.imei));
  if (imei !== undefined) flags.imei = imei;
  return flags;
}

/** `--groups a,b`: comma-separated, blanks around names and empty entries ignored, so `""` is no group. */
export function parseGroups(raw: string): GroupName[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  for (const name of names) {
    const checked = GroupName.safeParse(name);
    if (!checked.success) throw new UsageError(`--groups: "${name.slice(0, 40)}": ${checked.error.issues[0]?.message ?? 'invalid'}`);
  }
  const list = GroupList.safeParse(names);
  if (!list.success) throw new UsageError(`--groups: ${list.error.issues[0]?.message ?? 'invalid'}`);
  return list.data;
}

/** `--imei N` of `vehicles add|set`: 15 digits, or "" to remove it; undefined when not given. */
export function imeiFlag(role: CredentialRole, raw: string | undefined): string | null | undefined {
  if (raw === undefined) return undefined;
  if (role !== 'vehicle') throw new UsageError('--imei is for vehicles (their Iridium modem)');
  if (raw.trim() === '') return null;
  const checked = Imei.safeParse(raw.trim());
  if (!checked.success) throw new UsageError(`--imei must be the modem's 15 digits, got "${raw.slice(0, 20)}"`);
  return checked.data;
}
