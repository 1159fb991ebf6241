import { describe, expect, it, vi } from 'vitest';

/** Electron is mocked (its binary cannot run here): what is tested is who gets a screen. */
vi.mock('electron', () => ({ desktopCapturer: { getSources: async () => [{ id: 'screen:0:0', name: 'Entire screen' }] } }));

const { installDisplayMedia } = await import('../../../../main/app/displayMedia');
const { mayCaptureDisplay } = await import('../../../../main/app/displayMediaPolicy');

type Handler = (
  request: { frame: { url: string } | null; securityOrigin: string; videoRequested: boolean },
  callback: (streams: unknown) => void,
) => void;

function install(): { handler: Handler; options: unknown } {
  let handler: Handler | undefined;
  let options: unknown;
  installDisplayMedia({
    setDisplayMediaRequestHandler: (h: Handler, o: unknown) => {
      handler = h;
      options = o;
    },
  } as never);
  return { handler: handler!, options };
}

const ask = (handler: Handler, url: string, videoRequested = true) =>
  new Promise((resolve) => handler({ frame: { url }, securityOrigin: url, videoRequested }, resolve));

describe('screen sharing in the Electron shell', () => {
  it("gives the console's own page the screen, and nothing to any other page", async () => {
    const { handler, options } = install();
    // With the system picker on, Electron (macOS 15+) would skip this handler and its origin check.
    expect(options).toEqual({ useSystemPicker: false });
    expect(await ask(handler, 'app://mcv/index.html')).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
    expect(await ask(handler, 'https://evil.example/')).toBeNull();
    expect(await ask(handler, 'app://mcv/index.html', false)).toBeNull();
  });

  it('decides by the frame that asks, falling back to the origin, and only for video', () => {
    const ask = (frameUrl: string | null, securityOrigin: string, videoRequested = true) =>
      mayCaptureDisplay({ frame: frameUrl === null ? null : { url: frameUrl }, securityOrigin, videoRequested });
    expect(ask('app://mcv/index.html', 'app://mcv')).toBe(true);
    expect(ask(null, 'app://mcv')).toBe(true);
    expect(ask('https://evil.example/frame', 'app://mcv')).toBe(false);
    expect(ask(null, 'https://evil.example')).toBe(false);
    expect(ask('app://mcv/index.html', 'app://mcv', false)).toBe(false);
  });
});
