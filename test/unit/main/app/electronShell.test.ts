import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../../support/tempDir';

/**
 * Electron's binary cannot run here, so its API is mocked; what is tested is that the
 * shell asks Electron for the right things: window settings, protocol, permission,
 * navigation and IPC-sender rules, single instance.
 */
const electron = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown;
  const state = {
    windows: [] as Array<{ options: Record<string, unknown>; url?: string }>,
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Handler>(),
    permissionRequest: undefined as Handler | undefined,
    permissionCheck: undefined as Handler | undefined,
    devicePermission: undefined as Handler | undefined,
    ipcHandlers: new Map<string, Handler>(),
    appHandlers: new Map<string, Handler>(),
    singleInstance: true,
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>(() => {})),
  };
  class BrowserWindow {
    webContents = { send: vi.fn(), getURL: () => 'app://mcv/index.html' };
    constructor(public options: Record<string, unknown>) {
      state.windows.push({ options });
    }
    once() {}
    loadURL(url: string) {
      state.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    static getAllWindows() {
      return [];
    }
  }
  return {
    state,
    module: {
      BrowserWindow,
      app: {
        on: (event: string, handler: Handler) => state.appHandlers.set(event, handler),
        requestSingleInstanceLock: () => state.singleInstance,
        quit: state.quit,
        whenReady: state.whenReady,
        isPackaged: false,
        getPath: () => '/tmp',
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
        handle: (scheme: string, handler: Handler) => state.protocolHandlers.set(scheme, handler),
      },
      net: { fetch: async (url: string) => new Response(`file:${url}`) },
      session: {},
      ipcMain: {
        handle: (channel: string, handler: Handler) => state.ipcHandlers.set(channel, handler),
        removeHandler: (channel: string) => state.ipcHandlers.delete(channel),
      },
      dialog: { showErrorBox: vi.fn() },
      utilityProcess: { fork: vi.fn() },
    },
  };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { APP_ENTRY_URL, handleAppProtocol, registerAppScheme } = await import('../../../../main/app/appProtocol');
const { createMainWindow, mainWindowWebPreferences } = await import('../../../../main/app/mainWindow');
const { installSessionSecurity, isAppUrl, mayNavigate, secureWebContents } = await import('../../../../main/app/security');
const { handleIpcCall, installIpcBridge, isTrustedSender } = await import('../../../../main/app/ipcBridge');

const tempDir = useTempDirs();

beforeEach(() => {
  electron.state.windows.length = 0;
  electron.state.privileged.length = 0;
  electron.state.protocolHandlers.clear();
  electron.state.ipcHandlers.clear();
  electron.state.appHandlers.clear();
  electron.state.quit.mockClear();
  electron.state.whenReady.mockClear();
});

describe('main window', () => {
  it('runs the renderer isolated, sandboxed, without Node, with web security', () => {
    expect(mainWindowWebPreferences('/app/preload.cjs')).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('is created with those settings and loads the app protocol, not file://', () => {
    createMainWindow('/app/preload.cjs');
    const [window] = electron.state.windows;
    expect(window?.options.webPreferences).toEqual(mainWindowWebPreferences('/app/preload.cjs'));
    expect(window?.url).toBe('app://mcv/index.html');
    expect(APP_ENTRY_URL.startsWith('file:')).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('is registered as a standard, secure scheme, with the base-layer tiles beside it', () => {
    registerAppScheme();
    expect(electron.state.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
      { scheme: 'mcv-tiles', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves renderer files with the CSP and refuses other hosts and paths outside the root', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<html>');
    handleAppProtocol(root);
    const handler = electron.state.protocolHandlers.get('app')!;
    const ok = (await handler(new Request('app://mcv/index.html'))) as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(((await handler(new Request('app://evil/index.html'))) as Response).status).toBe(404);
    expect(((await handler(new Request('app://mcv/assets/../../etc/passwd.js'))) as Response).status).toBe(404);
  });
});

describe('security rules', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://mcv/index.html')).toBe(true);
    expect(isAppUrl('app://mcv')).toBe(true);
    expect(isAppUrl('app://mcv.evil.example/')).toBe(false);
    expect(isAppUrl('app://user@mcv/')).toBe(false);
    expect(isAppUrl('https://mcv/')).toBe(false);
    expect(isAppUrl('file:///app/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('grants camera/microphone only to the app origin and nothing else', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    installSessionSecurity({
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    } as never);
    const request = (permission: string, requestingUrl: string) => {
      let granted: boolean | undefined;
      (handlers.request as (...a: unknown[]) => void)({}, permission, (g: boolean) => (granted = g), { requestingUrl });
      return granted;
    };
    expect(request('media', 'app://mcv/index.html')).toBe(true);
    expect(request('media', 'https://evil.example/')).toBe(false);
    expect(request('geolocation', 'app://mcv/index.html')).toBe(false);
    expect(request('notifications', 'app://mcv/index.html')).toBe(false);
    const check = handlers.check as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://mcv')).toBe(true);
    expect(check({}, 'media', 'https://evil.example')).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);
  });

  it('denies navigation away from the app in every frame, redirects, new windows and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault(): void; url?: string; isMainFrame?: boolean }) => void>();
    let openHandler: (() => unknown) | undefined;
    secureWebContents({
      on: (event: string, listener: never) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
    } as never);
    // Electron passes the URL on the event object (the second argument is deprecated).
    const navigate = (event: string, url?: string, isMainFrame = true) => {
      const preventDefault = vi.fn();
      listeners.get(event)!({ preventDefault, url, isMainFrame });
      return preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'app://mcv/index.html')).toBe(false);
    expect(navigate('will-frame-navigate', 'https://evil.example/', false)).toBe(true);
    expect(navigate('will-frame-navigate', 'app://mcv.evil.example/', false)).toBe(true);
    expect(navigate('will-frame-navigate', 'javascript:alert(1)', false)).toBe(true);
    expect(navigate('will-frame-navigate', 'app://mcv/index.html#/video', false)).toBe(false);
    expect(navigate('will-frame-navigate', 'file:///etc/passwd', true)).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(navigate('will-redirect', 'app://mcv/index.html')).toBe(false);
    expect(navigate('will-attach-webview')).toBe(true);
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });

  it('allows the same places for frames as for the page: the app origin only', () => {
    expect(mayNavigate('app://mcv/index.html')).toBe(true);
    expect(mayNavigate('about:blank')).toBe(false);
    expect(mayNavigate('data:text/html,<script>1</script>')).toBe(false);
    expect(mayNavigate('app://user:pw@mcv/')).toBe(false);
    expect(mayNavigate(undefined)).toBe(false);
  });
});

describe('IPC bridge', () => {
  const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as never;

  it('trusts only top-level frames of the app origin', () => {
    expect(isTrustedSender(frame('app://mcv/index.html'))).toBe(true);
    expect(isTrustedSender(frame('app://mcv/index.html', {}))).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/'))).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never)).toBe(false);
  });

  it('forwards a well-formed call from the app and refuses everything else', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: [] }));
    await expect(handleIpcCall({ dispatch }, frame('app://mcv/index.html'), { method: 'links.list', params: {} })).resolves.toEqual({
      ok: true,
      value: [],
    });
    expect(dispatch).toHaveBeenCalledWith('links.list', {});
    await expect(handleIpcCall({ dispatch }, frame('https://evil.example/'), { method: 'links.list' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(handleIpcCall({ dispatch }, frame('app://mcv/index.html'), { method: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await expect(handleIpcCall({ dispatch }, frame('app://mcv/index.html'), 'links.list')).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('installs one invoke channel and removes it again', () => {
    const remove = installIpcBridge({ dispatch: vi.fn(), subscribe: () => () => {} } as never);
    expect([...electron.state.ipcHandlers.keys()]).toEqual(['core:call']);
    remove();
    expect(electron.state.ipcHandlers.size).toBe(0);
  });
});

describe('single instance', () => {
  it('quits when another console already runs', async () => {
    vi.resetModules();
    electron.state.singleInstance = false;
    await import('../../../../main/app/main');
    expect(electron.state.quit).toHaveBeenCalled();
    expect(electron.state.whenReady).not.toHaveBeenCalled();
  });

  it('otherwise starts, and focuses itself when a second one is launched', async () => {
    vi.resetModules();
    electron.state.singleInstance = true;
    await import('../../../../main/app/main');
    expect(electron.state.quit).not.toHaveBeenCalled();
    expect(electron.state.whenReady).toHaveBeenCalled();
    expect(electron.state.appHandlers.has('second-instance')).toBe(true);
    expect(electron.state.appHandlers.has('web-contents-created')).toBe(true);
  });
});
