import type { z } from 'zod';
import { MEDIA_ROOMS_PATH, MEDIA_SOCKET_PATH, MEDIA_TICKET_PATH, MediaRooms, MediaTicket } from '../../protocol/media/signaling';
import { DeskVehiclesResponse, type DeskVehicle } from '../../protocol/sync/desk';
import { CenterError } from '../../protocol/sync/centerErrors';
import { DESK_PATHS } from '../../protocol/sync/http';
import { DeskApiError } from './DeskApiError';

/** The desk's calls to its own center (same origin), with the staff member's token; every answer checked. */
export class DeskApi {
  constructor(private readonly token: string) {}

  async vehicles(): Promise<DeskVehicle[]> {
    return (await this.#get(DESK_PATHS.vehicles, DeskVehiclesResponse)).vehicles;
  }

  async rooms(): Promise<MediaRooms['rooms']> {
    return (await this.#get(MEDIA_ROOMS_PATH, MediaRooms)).rooms;
  }

  /** The signaling socket URL with a fresh ticket for the vehicle's room. */
  async socketUrl(vehicleId: string): Promise<string> {
    const ticket = await this.#send(MEDIA_TICKET_PATH, 'POST', { roomId: vehicleId }, MediaTicket);
    const url = new URL(MEDIA_SOCKET_PATH, location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = new URLSearchParams({ ticket: ticket.ticket }).toString();
    return url.toString();
  }

  #get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    return this.#send(path, 'GET', undefined, schema);
  }

  async #send<T>(path: string, method: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new DeskApiError(0, 'unreachable', error instanceof Error ? error.message : String(error));
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = CenterError.safeParse(json);
      if (problem.success) throw new DeskApiError(response.status, problem.data.code, problem.data.message);
      throw new DeskApiError(response.status, 'bad-answer', `the center answered ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new DeskApiError(0, 'bad-answer', `the center's answer to ${path} does not match the protocol`);
    return parsed.data;
  }
}
