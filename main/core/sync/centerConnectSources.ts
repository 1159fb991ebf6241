import type { SyncConfig } from '../../../protocol/config/consoleConfig';

/** The WebSocket origins of the center (its address and each per-link address), for the renderer's `connect-src`. */
export function centerConnectSources(sync: SyncConfig | undefined): string[] {
  if (!sync) return [];
  const origins = [sync.centerUrl, ...Object.values(sync.linkUrls ?? {})].map((raw) => {
    const url = new URL(raw);
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  });
  return [...new Set(origins)];
}
