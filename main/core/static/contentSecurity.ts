import type { SyncConfig } from '../../../protocol/config/consoleConfig';

/**
 * The renderer's Content-Security-Policy and companion headers, served identically by
 * Electron's `app://` protocol and the headless host. Scripts and styles only from the
 * app itself; connections back to it (CSP3 'self' covers ws: to the same host) and to the
 * command center's media signaling socket, nowhere else.
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...connectSources].join(' '),
    "media-src 'self' blob: mediastream:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(connectSources: readonly string[] = []): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSources),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** The headers with no center configured. */
export const SECURITY_HEADERS = securityHeaders();

/** The WebSocket origins of the center (its address and each per-link address), for `connect-src`. */
export function centerConnectSources(sync: SyncConfig | undefined): string[] {
  if (!sync) return [];
  const origins = [sync.centerUrl, ...Object.values(sync.linkUrls ?? {})].map((raw) => {
    const url = new URL(raw);
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
  });
  return [...new Set(origins)];
}
