import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { describeIssues } from '../../protocol/common';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../protocol/api/ipc';
import { IpcCallRequest } from '../../protocol/api/ipcCallRequest';
import type { ApiResult } from '../../protocol/api/errors';
import type { Core } from '../core/createCore';
import { isAppUrl } from './security';

/** Only the app's own top-level pages may call the core (Electron security checklist #17). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export async function handleIpcCall(
  core: Pick<Core, 'dispatch'>,
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  request: unknown,
): Promise<ApiResult> {
  if (!isTrustedSender(event)) {
    return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the console itself' } };
  }
  const parsed = IpcCallRequest.safeParse(request);
  if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: describeIssues(parsed.error) } };
  return core.dispatch(parsed.data.method, parsed.data.params);
}

/** Carries the console API over Electron IPC: one invoke channel in, one event channel out. */
export function installIpcBridge(core: Core): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, request: unknown) => handleIpcCall(core, event, request));
  const unsubscribe = core.subscribe((message) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed() && isAppUrl(window.webContents.getURL())) window.webContents.send(IPC_EVENT_CHANNEL, message);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
