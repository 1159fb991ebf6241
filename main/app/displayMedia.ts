import { desktopCapturer, type Session } from 'electron';
import { DISPLAY_MEDIA_OPTIONS, mayCaptureDisplay } from './displayMediaPolicy';

/**
 * Screen sharing from the Video view: the console's own page gets the first screen (the
 * vehicle's single display); any other page gets nothing. No system picker, so that the
 * origin check always runs (displayMediaPolicy.ts says why).
 */
export function installDisplayMedia(session: Session): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    if (!mayCaptureDisplay(request)) return callback(null);
    desktopCapturer.getSources({ types: ['screen'] }).then(
      (sources) => callback(sources[0] ? { video: sources[0] } : null),
      () => callback(null),
    );
  }, DISPLAY_MEDIA_OPTIONS);
}
