import type { Store } from '../store/Store';
import { uploadBackoffKey, type RetryState } from './RetryState';
import type { SyncCenter } from './SyncCenter';
import type { TryRecorder } from './TryRecorder';
import { UploadLane } from './UploadLane';

/**
 * The sync engine's upload lane: when a file ends the engine looks again; uploads back off
 * on their own key per link (a failing file must not hold back flash items on the same
 * link); a file the center refuses for good is parked with why. Nothing is recorded once
 * the engine is closed (its store may be closing).
 */
export function engineUploadLane(
  client: SyncCenter,
  deps: { store: Store; attachmentsDir: string; wake: () => void; retry: RetryState; record: TryRecorder; closed: () => boolean },
): UploadLane {
  const { retry, record, closed } = deps;
  return new UploadLane({
    client,
    store: deps.store,
    attachmentsDir: deps.attachmentsDir,
    onEnded: deps.wake,
    onSucceeded: (link) => retry.succeeded(uploadBackoffKey(link.linkId), { onlyLink: true }),
    onFailed: (error, link, seq) => {
      if (!closed()) record.failed(error, { ...link, linkId: uploadBackoffKey(link.linkId) }, [seq]);
    },
    onRefused: (error, seq) => {
      if (!closed()) record.park(seq, error.code, error.message);
    },
  });
}
