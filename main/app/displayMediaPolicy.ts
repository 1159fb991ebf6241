import { isAppUrl } from './security';

/** The parts of Electron's display-media request the decision reads. */
export interface DisplayMediaAsk {
  frame: { url: string } | null;
  securityOrigin: string;
  videoRequested: boolean;
}

/**
 * Who may capture the screen: only the console's own page, and only for video. The frame's
 * URL is checked when Electron still has the frame; otherwise the request's origin. Plain
 * function, no Electron: tested without its binary.
 */
export function mayCaptureDisplay(request: DisplayMediaAsk): boolean {
  return request.videoRequested && isAppUrl(request.frame?.url ?? request.securityOrigin);
}

/**
 * The options the display-media handler is installed with. The system picker stays off:
 * where it exists (macOS 15+), Electron shows it *instead of* calling the handler, so any
 * page, framed or navigated-to, could ask for the screen without the origin check above.
 */
export const DISPLAY_MEDIA_OPTIONS = { useSystemPicker: false } as const;
