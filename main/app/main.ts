import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { parseHostOptions } from '../core/config/hostOptions';
import { createCore, type Core } from '../core/createCore';
import { describeStartupFailure } from '../../platform/startupFailure';
import { PRODUCT_VERSION } from '../../platform/version';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { handleTileProtocol } from './tileProtocol';
import { centerConnectSources } from '../core/sync/centerConnectSources';
import { installIpcBridge } from './ipcBridge';
import { installDisplayMedia } from './displayMedia';
import { electronKeystore } from './keystore';
import { createMainWindow } from './mainWindow';
import { installAppSecurity, installSessionSecurity } from './security';
import { utilitySimulatorSpawner } from './utilitySimulator';

/**
 * Electron's main process: a composition root and nothing more. Security rules,
 * the app protocol and the IPC bridge live in their own modules; all console logic
 * lives in the Electron-free core.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

registerAppScheme();
installAppSecurity(app);

if (!app.requestSingleInstanceLock()) {
  // Another console already runs on this machine; it gets focus (see 'second-instance').
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  let core: Core;
  try {
    // Chromium adds its own switches to argv, so unknown flags are ignored here.
    const args = process.argv.slice(app.isPackaged ? 1 : 2);
    core = await createCore({
      host: 'electron',
      version: PRODUCT_VERSION,
      hostOptions: parseHostOptions(args, { strict: false }),
      osDataDir: app.getPath('userData'),
      keystore: await electronKeystore(safeStorage),
      spawnSimulator: utilitySimulatorSpawner(here('../sim/cli.js')),
    });
  } catch (error) {
    dialog.showErrorBox('MCV Console cannot start', describeStartupFailure(error).line);
    app.exit(2);
    return;
  }
  installSessionSecurity(session.defaultSession);
  installDisplayMedia(session.defaultSession);
  const tile = (rest: string, etag?: string) => core.maps.tile(rest, etag);
  handleAppProtocol(here('../renderer'), centerConnectSources(core.resolved.config.sync), tile);
  handleTileProtocol(tile);
  const removeBridge = installIpcBridge(core);
  const preload = here('preload.cjs');
  createMainWindow(preload);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(preload);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    event.preventDefault();
    removeBridge();
    void core.close().finally(() => app.exit(0));
  });
}
