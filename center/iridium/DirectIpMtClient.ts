import { connect } from 'node:net';
import { DIRECTIP_PREAMBLE_BYTES, readPreamble } from '../../protocol/sbd/directIpFrame';
import { decodeMtConfirmation, type MtConfirmation } from '../../protocol/sbd/directIpMt';

/** An MT confirmation is 31 bytes; anything announcing more is not one. */
const MAX_CONFIRMATION_BYTES = 64;

export interface MtGateway {
  host: string;
  port: number;
  /** Connecting, sending and reading the confirmation, at most. */
  timeoutMs: number;
}

/**
 * Sends one MT message to the gateway on a connection of its own and resolves with the
 * gateway's MT confirmation (IE 0x44). Rejects with an Error saying what went wrong: no
 * connection, no answer within the time, the connection closed early, an answer that is
 * not a confirmation (DirectIpError).
 */
export function sendMtMessage(gateway: MtGateway, message: Uint8Array): Promise<MtConfirmation> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: gateway.host, port: gateway.port });
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (error: Error | undefined, confirmation?: MtConfirmation) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(confirmation!);
    };
    const timer = setTimeout(
      () => finish(new Error(`no MT confirmation from ${gateway.host}:${gateway.port} within ${gateway.timeoutMs} ms`)),
      gateway.timeoutMs,
    );
    socket.once('connect', () => socket.write(message));
    socket.on('error', (error) => finish(new Error(`the gateway ${gateway.host}:${gateway.port}: ${error.message}`)));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      try {
        if (received > MAX_CONFIRMATION_BYTES) throw new Error(`the gateway answered more than ${MAX_CONFIRMATION_BYTES} bytes`);
        if (received < DIRECTIP_PREAMBLE_BYTES) return;
        const bytes = new Uint8Array(Buffer.concat(chunks));
        if (received < DIRECTIP_PREAMBLE_BYTES + readPreamble(bytes)) return;
        finish(undefined, decodeMtConfirmation(bytes));
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.once('close', () => finish(new Error(`the gateway closed the connection after ${received} bytes, before a whole confirmation`)));
  });
}
