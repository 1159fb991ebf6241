import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { describeIssues } from '../../protocol/common';
import { MAX_WS_FRAME_BYTES, WsClientFrame, type WsServerFrame } from '../../protocol/api/wsFrames';
import type { Core } from '../core/createCore';

export interface WsBridge {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

function badRequest(id: number | null, message: string): WsServerFrame {
  return { type: 'result', id, ok: false, error: { code: 'BAD_REQUEST', message } };
}

/**
 * Carries the console API over WebSocket for the headless host: JSON frames, one call
 * per frame, events pushed to every client. Each frame is validated at the door; a
 * malformed one gets an error frame and the connection stays up.
 */
export function createWsBridge(core: Core): WsBridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_FRAME_BYTES });
  const send = (socket: WebSocket, frame: WsServerFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };

  wss.on('connection', (socket) => {
    const unsubscribe = core.subscribe((message) => send(socket, { type: 'event', ...message }));
    socket.on('close', unsubscribe);
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      if (isBinary) return send(socket, badRequest(null, 'binary frames are not accepted'));
      let json: unknown;
      try {
        json = JSON.parse(data.toString());
      } catch {
        return send(socket, badRequest(null, 'frame is not valid JSON'));
      }
      const frame = WsClientFrame.safeParse(json);
      if (!frame.success) {
        const id = (json as { id?: unknown } | null)?.id;
        return send(socket, badRequest(typeof id === 'number' ? id : null, describeIssues(frame.error)));
      }
      const { id, method, params } = frame.data;
      void core.dispatch(method, params).then((result) => send(socket, { type: 'result', id, ...result }));
    });
  });

  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close() {
      for (const client of wss.clients) client.close(1001, 'console stopping');
      wss.close();
    },
  };
}
