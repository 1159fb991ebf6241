import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCenter, type RunningCenter } from '../../center/cli/serveCommand';
import { dataFiles } from '../../center/config/dataDir';
import { hashToken, issueToken } from '../../center/credentials/tokens';
import type { MediaBackend } from '../../center/media/MediaBackend';
import { SqliteCenterStore } from '../../center/store/sqlite/SqliteCenterStore';
import { MEDIA_TICKET_PATH, MediaTicket } from '../../protocol/media/signaling';

export interface MediaCenter {
  center: RunningCenter;
  url: string;
  vehicleId: string;
  vehicleToken: string;
  staffToken: string;
  /** A single-use signaling ticket, and the socket URL to open with it. */
  ticket(token: string, roomId?: string): Promise<{ ticket: MediaTicket; socketUrl: string }>;
  /** Adds an admin staff member while the center runs (as `center -- staff add` does); their token. */
  addStaff(id: string, name: string): Promise<string>;
  /** Revokes a credential while the center runs (as `center -- vehicles|staff revoke` does, from another process). */
  revoke(role: 'vehicle' | 'staff', id: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real center, in this process (so a test can give it a media backend such as the
 * werift stand-in), on loopback with a fresh data directory, one vehicle and one staff
 * member.
 */
export async function startMediaCenter(
  backend: MediaBackend,
  { vehicleId = 'mcv-07', disconnectGraceMs, deskUiRoot }: { vehicleId?: string; disconnectGraceMs?: number; deskUiRoot?: string } = {},
): Promise<MediaCenter> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mcv-media-center-'));
  const vehicleToken = issueToken('vehicle', vehicleId);
  const staffToken = issueToken('staff', 'desk-wang');
  const store = SqliteCenterStore.open({ file: dataFiles(dataDir).database });
  await store.addCredential({
    role: 'vehicle',
    id: vehicleId,
    name: 'MCV-07',
    tokenSha256: hashToken(vehicleToken),
    createdAt: Date.now(),
  });
  await store.addCredential({
    role: 'staff',
    // An admin, so media tests see every room; test/integration/center/staffAccess.test.ts covers the rule.
    staffRole: 'admin',
    id: 'desk-wang',
    name: 'Desk Wang',
    tokenSha256: hashToken(staffToken),
    createdAt: Date.now(),
  });
  await store.close();
  const center = await startCenter(
    {
      dataDir,
      host: '127.0.0.1',
      port: 0,
      tls: undefined,
      allowPlain: false,
      staleAfterMs: 600_000,
      echoPort: 0,
      maxAttachmentBytes: 1024 ** 3,
      media: undefined,
      feed: { historyEvents: 20_000, maxLagEvents: 5000 },
    },
    {
      mediaBackend: backend,
      ...(disconnectGraceMs ? { mediaDisconnectGraceMs: disconnectGraceMs } : {}),
      ...(deskUiRoot ? { deskUiRoot } : {}),
    },
  );
  return {
    center,
    url: center.url,
    vehicleId,
    vehicleToken,
    staffToken,
    async ticket(token, roomId) {
      const response = await fetch(new URL(MEDIA_TICKET_PATH, center.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(roomId ? { roomId } : {}),
      });
      if (response.status !== 201) throw new Error(`ticket: ${response.status} ${await response.text()}`);
      const ticket = MediaTicket.parse(await response.json());
      return { ticket, socketUrl: `${center.url.replace(/^http/, 'ws')}/media/v1/socket?ticket=${encodeURIComponent(ticket.ticket)}` };
    },
    async addStaff(id, name) {
      const token = issueToken('staff', id);
      await withStore(dataDir, (other) =>
        other.addCredential({ role: 'staff', staffRole: 'admin', id, name, tokenSha256: hashToken(token), createdAt: Date.now() }),
      );
      return token;
    },
    async revoke(role, id) {
      await withStore(dataDir, (other) => other.revokeCredential(role, id, Date.now()));
    },
    async close() {
      await center.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A second handle on the center's database, as the CLI opens it while the center runs. */
async function withStore<T>(dataDir: string, work: (store: SqliteCenterStore) => Promise<T>): Promise<T> {
  const store = SqliteCenterStore.open({ file: dataFiles(dataDir).database });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
