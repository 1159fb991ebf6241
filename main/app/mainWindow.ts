import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './appProtocol';

/**
 * The renderer's sandbox: context isolation, Chromium sandbox, no Node, web security
 * on, no webviews (Electron security checklist items 2–4, 6, 8–12).
 */
export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
  };
}

export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1418',
    title: 'MCV Console',
    autoHideMenuBar: true,
    webPreferences: mainWindowWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
