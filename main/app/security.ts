import type { App, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './appProtocol';

/**
 * True only for URLs of the app's own origin; compares parsed parts, never string
 * prefixes. (Node's URL reports the origin of a custom scheme as "null", so scheme and
 * host are compared instead of `origin`.)
 */
export function isAppUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Permissions the console's own pages may use: camera and microphone for live video. */
const ALLOWED_PERMISSIONS = new Set(['media', 'fullscreen', 'clipboard-sanitized-write']);

/**
 * Session-wide rules. Electron grants every permission by default, so requests and
 * checks are denied unless they come from `app://mcv` and are on the allow-list;
 * HID/serial/USB access from web content is refused outright.
 */
export function installSessionSecurity(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingOrigin);
  });
  session.setDevicePermissionHandler(() => false);
}

/**
 * Where any frame of the console, the top one or one nested in it, may navigate to: the
 * app's own pages only. One allow-list for every navigation event, so a frame cannot go
 * where the page may not.
 */
export function mayNavigate(url: string | undefined): boolean {
  return isAppUrl(url);
}

/**
 * Per-page rules: no navigation away from the app (main frame, subframes, redirects),
 * no new windows, no webviews.
 */
export function secureWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  // will-navigate sees only the main frame; an iframe (a map tile page, an injected ad) navigates here.
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function installAppSecurity(app: App): void {
  app.on('web-contents-created', (_event, contents) => secureWebContents(contents));
}
