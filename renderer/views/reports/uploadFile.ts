import type { StagedFileView } from '../../../protocol/api/incidents';
import type { CoreClient } from '../../api/CoreClient';

/** Raw bytes per call: 600 KiB is 800 KB of base64, under the API's 900 000-character chunk. */
const CHUNK_BYTES = 600 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Hands a file (picked, dropped, or a camera still) to the core in chunks; the core keeps
 * it untouched, makes a thumbnail for a photo and answers what it staged.
 */
export async function uploadFile(
  client: CoreClient,
  file: Blob,
  name: string,
  onProgress?: (sent: number) => void,
): Promise<StagedFileView> {
  const mime = file.type || 'application/octet-stream';
  const { id } = await client.call('files.start', { name: name.slice(0, 200) || 'file', mime, size: file.size });
  for (let at = 0, seq = 0; at < file.size; at += CHUNK_BYTES, seq++) {
    const bytes = new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
    await client.call('files.append', { id, seq, data: toBase64(bytes) });
    onProgress?.(Math.min(file.size, at + CHUNK_BYTES));
  }
  return client.call('files.finish', { id });
}
