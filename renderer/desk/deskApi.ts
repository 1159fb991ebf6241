import type { z } from 'zod';
import { MEDIA_ROOMS_PATH, MEDIA_SOCKET_PATH, MEDIA_TICKET_PATH, MediaRooms, MediaTicket } from '../../protocol/media/signaling';
import { DeskVehiclesResponse, type DeskVehicle } from '../../protocol/sync/desk';
import { CenterError, DESK_PATHS } from '../../protocol/sync/http';

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
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = CenterError.safeParse(json);
      throw new DeskApiError(response.status, problem.success ? problem.data.message : `the center answered ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new DeskApiError(0, `the center's answer to ${path} does not match the protocol`);
    return parsed.data;
  }
}

export class DeskApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DeskApiError';
  }
}
