import { MEDIA_ROOMS_PATH, MEDIA_SOCKET_PATH, MEDIA_TICKET_PATH, MediaRooms, MediaTicket } from '../../protocol/media/signaling';
import {
  ConversationEntry,
  ConversationResponse,
  DeskMe,
  DeskOrder,
  DeskOrdersResponse,
  DeskVehiclesResponse,
  QueuedDownlinkResponse,
  type DeskMessageRequest,
  type DeskOrdersQuery,
  type DeskVehicle,
  type DirectoryRequest,
  type OrderCancelRequest,
  type OrderCompose,
} from '../../protocol/sync/desk';
import { z } from 'zod';
import { BaseLayerView } from '../../protocol/api/maps';
import { CenterError } from '../../protocol/sync/centerErrors';
import { DESK_PATHS } from '../../protocol/sync/http';
import { DeskApiError } from './DeskApiError';
import { DeskIridiumResponse, deskIridiumPath } from '../../protocol/sbd/deskIridium';
import {
  DESK_INCIDENT_PATHS,
  DeskIncidentAnswer,
  DeskIncidentDetail,
  DeskIncidentsResponse,
  DeskReportAnswer,
  FollowupQueuedAnswer,
  type DeskIncident,
  type DeskReport,
  type IncidentOpenRequest,
} from '../../protocol/sync/deskIncidents';

const OrderAnswer = z.object({ order: DeskOrder }).strict();
const EntryAnswer = z.object({ entry: ConversationEntry }).strict();
const ReadAnswer = z.object({ read: z.number().int() }).strict();
const MapLayersAnswer = z.object({ layers: z.array(BaseLayerView) }).strict();

/** The desk's calls to its own center (same origin), with the staff member's token; every answer checked. */
export class DeskApi {
  /** Called after each successful write, so the desk refreshes what the write changed. */
  onWrite: () => void = () => undefined;

  constructor(private readonly token: string) {}

  me(): Promise<DeskMe> {
    return this.#get(DESK_PATHS.me, DeskMe);
  }

  async vehicles(): Promise<DeskVehicle[]> {
    return (await this.#get(DESK_PATHS.vehicles, DeskVehiclesResponse)).vehicles;
  }

  async rooms(): Promise<MediaRooms['rooms']> {
    return (await this.#get(MEDIA_ROOMS_PATH, MediaRooms)).rooms;
  }

  async orders(query: Partial<Pick<DeskOrdersQuery, 'state' | 'vehicleId' | 'limit'>> = {}): Promise<DeskOrder[]> {
    const params = new URLSearchParams();
    if (query.state) params.set('state', query.state);
    if (query.vehicleId) params.set('vehicleId', query.vehicleId);
    if (query.limit) params.set('limit', String(query.limit));
    const search = params.toString();
    return (await this.#get(`${DESK_PATHS.orders}${search ? `?${search}` : ''}`, DeskOrdersResponse)).orders;
  }

  async order(id: string): Promise<DeskOrder> {
    return (await this.#get(`${DESK_PATHS.orders}/${encodeURIComponent(id)}`, OrderAnswer)).order;
  }

  async composeOrder(compose: OrderCompose): Promise<DeskOrder> {
    return (await this.#write(DESK_PATHS.orders, compose, OrderAnswer)).order;
  }

  async cancelOrder(id: string, request: OrderCancelRequest): Promise<DeskOrder> {
    return (await this.#write(`${DESK_PATHS.orders}/${encodeURIComponent(id)}/cancel`, request, OrderAnswer)).order;
  }

  conversation(vehicleId: string): Promise<ConversationResponse> {
    return this.#get(`${vehiclePath(vehicleId)}/conversation`, ConversationResponse);
  }

  async sendMessage(vehicleId: string, request: DeskMessageRequest): Promise<ConversationEntry> {
    return (await this.#write(`${vehiclePath(vehicleId)}/messages`, request, EntryAnswer)).entry;
  }

  /** Marks the vehicle's messages read by this staff member; the count newly marked. */
  async markRead(vehicleId: string, ids: string[]): Promise<number> {
    return (await this.#write(`${vehiclePath(vehicleId)}/read`, { ids }, ReadAnswer)).read;
  }

  async sendDirectory(request: DirectoryRequest): Promise<QueuedDownlinkResponse> {
    return this.#write(DESK_PATHS.directory, request, QueuedDownlinkResponse);
  }

  /** Incidents, newest activity first; `query` holds the list's filters (`vehicleId`, `category`, `level`, `status`, `late`). */
  async incidents(query: Record<string, string> = {}): Promise<DeskIncident[]> {
    const search = new URLSearchParams(query).toString();
    return (await this.#get(`${DESK_INCIDENT_PATHS.incidents}${search ? `?${search}` : ''}`, DeskIncidentsResponse)).incidents;
  }

  incident(id: string): Promise<DeskIncidentDetail> {
    return this.#get(`${DESK_INCIDENT_PATHS.incidents}/${encodeURIComponent(id)}`, DeskIncidentDetail);
  }

  async openIncident(request: IncidentOpenRequest): Promise<DeskIncident> {
    return (await this.#write(DESK_INCIDENT_PATHS.incidents, request, DeskIncidentAnswer)).incident;
  }

  /** 签收 of a report. */
  async ackReport(reportId: string): Promise<DeskReport> {
    return (await this.#write(`${DESK_INCIDENT_PATHS.reports}/${encodeURIComponent(reportId)}/ack`, {}, DeskReportAnswer)).report;
  }

  async requestFollowup(incidentId: string, text: string): Promise<void> {
    await this.#write(
      `${DESK_INCIDENT_PATHS.incidents}/${encodeURIComponent(incidentId)}/followup-request`,
      { text },
      FollowupQueuedAnswer,
    );
  }

  /** What went to and came from the vehicle by Iridium SBD: its IMEI, MT messages with the gateway's answer, MO sessions. */
  iridium(vehicleId: string): Promise<DeskIridiumResponse> {
    return this.#get(deskIridiumPath(vehicleId), DeskIridiumResponse);
  }

  /** The center's base layers (its MBTiles folder); an empty list when it has none. */
  async mapLayers(): Promise<BaseLayerView[]> {
    return (await this.#get(DESK_PATHS.mapLayers, MapLayersAnswer)).layers;
  }

  /** What tile URLs carry so Leaflet's `<img>` requests are authorised (they cannot send the header). */
  tileQuery(): string {
    return `?token=${encodeURIComponent(this.token)}`;
  }

  /** A file of the center's (a photo), fetched with the token (an <img> cannot send it), as a Blob. */
  async blob(path: string): Promise<Blob> {
    let response: Response;
    try {
      response = await fetch(path, { headers: { authorization: `Bearer ${this.token}` } });
    } catch (error) {
      throw new DeskApiError(0, 'unreachable', error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw new DeskApiError(response.status, 'bad-answer', `the center answered ${response.status}`);
    return response.blob();
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

  /** A duty-log request (renderer/desk/duty/deskDutyBackend.ts): GET without a body, POST with one. */
  duty<T>(path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    return body === undefined ? this.#get(path, schema) : this.#write(path, body, schema);
  }

  async #write<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    const answer = await this.#send(path, 'POST', body, schema);
    this.onWrite();
    return answer;
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

function vehiclePath(vehicleId: string): string {
  return `${DESK_PATHS.vehicles}/${encodeURIComponent(vehicleId)}`;
}
