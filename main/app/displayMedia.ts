import { desktopCapturer, type Session } from 'electron';
import { isAppUrl } from './security';

/**
 * Screen sharing from the Video view: Electron offers no picker of its own, so the
 * console's own page gets the first screen (the vehicle's single display); any other
 * page gets nothing. The system picker is used where the platform has one.
 */
export function installDisplayMedia(session: Session): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!isAppUrl(request.frame?.url ?? request.securityOrigin) || !request.videoRequested) return callback(null);
      desktopCapturer.getSources({ types: ['screen'] }).then(
        (sources) => callback(sources[0] ? { video: sources[0] } : null),
        () => callback(null),
      );
    },
    { useSystemPicker: true },
  );
}
