import type { InboxItemView, MessageView } from '../../protocol/api/messaging';
import type { ConversationResponse, DeskDownlinkItem, DeskItem, DeskOrder, DeskOrdersResponse } from '../../protocol/sync/desk';
import type { CrewOrderState, Priority } from '../../protocol/sync/items';
import { PROGRESS_RANK } from '../../protocol/sync/orderLifecycle';
import type { CenterProcess } from './centerProcess';
import { deskRequest } from './syncRig';
import type { ApiSocket } from './wsClient';

/**
 * The command room's side of the crash test (syncCrash.test.ts): while the console and the
 * center are killed and restarted, the desk sends orders and staff messages, cancels some
 * orders and marks the crew's messages read; the crew steps through each order, one step a
 * round, and opens whatever arrives. `problems()` then checks every new item kind arrived
 * exactly once, in both directions.
 *
 * Order k follows PLANS[k % 4]; the last plan is acknowledged, then cancelled by the desk
 * once the desk sees the acknowledgement (the crew takes no further step on it).
 */
const PLANS: ReadonlyArray<readonly CrewOrderState[]> = [
  ['acknowledged', 'in-progress', 'done'],
  ['acknowledged', 'done'],
  ['acknowledged', 'cannot-do'],
  ['acknowledged'],
];
const CANCELLED_PLAN = 3;
const ORDER_PRIORITIES: readonly Priority[] = ['immediate', 'priority', 'flash'];
const CANNOT_DO_REASON = '道路塌方，无法通行';

interface PlannedOrder {
  /** The desk's order id. */
  orderId: string;
  /** The order's item id in the vehicle's downlink: what the crew's steps and receipts name. */
  itemId: string;
  plan: readonly CrewOrderState[];
  /** The next step of the plan the crew has not yet been confirmed to have taken. */
  next: number;
  cancel: boolean;
  cancelled: boolean;
  /** The crew opened it (it is on the console): steps may be taken. */
  opened: boolean;
}

export interface WorkloadFigures {
  orders: number;
  cancelled: number;
  staffMessages: number;
  /** Staff messages sent just before a center kill, without waiting for the answer, that the center kept. */
  unconfirmedStaffMessagesKept: number;
  confirmedSteps: number;
  /** Steps sent just before a console kill without waiting for the answer. */
  unconfirmedSteps: number;
  /** Tolerated answers: `inbox.step` CONFLICT (taken before a kill), `inbox.markRead` NOT_FOUND (the order had not arrived yet). */
  conflicts: number;
  notFound: number;
  crewReads: number;
  deskReadMarks: number;
  /** How long each round waited for the orders to arrive (ms), and the rounds in which they did not in time. */
  arrivalWaits: number[];
  arrivalTimeouts: number;
}

export interface WorkloadProblems {
  /** `orderItemId state` held by the center more than once as `order-state` items. */
  doubledSteps: string[];
  /** Planned steps the center does not hold. */
  lostSteps: string[];
  /** Steps the center holds that the crew never took. */
  strangeSteps: string[];
  /** Orders whose steps at the desk are not exactly issued, delivered, then the plan in order. */
  badTrails: string[];
  /** Inbox entries named by more than one uplink receipt, and those named by none. */
  doubledReceipts: string[];
  lostReceipts: string[];
  /** Staff messages and orders in the conversation that the crew read but the desk does not show read. */
  unreadAtDesk: string[];
  /** Downlink items the console holds more than once, misses, or holds without the center having sent them. */
  doubledInbox: string[];
  lostInbox: string[];
  strangeInbox: string[];
  /** Cancelled orders the console does not show cancelled, or orders it shows in another state than the crew's last step. */
  badInboxOrders: string[];
  /** The crew's messages the desk marked read that the console does not show read. */
  unreadOnConsole: string[];
}

export class CommandRoomWorkload {
  readonly orders: PlannedOrder[] = [];
  readonly figures: WorkloadFigures = {
    orders: 0,
    cancelled: 0,
    staffMessages: 0,
    unconfirmedStaffMessagesKept: 0,
    confirmedSteps: 0,
    unconfirmedSteps: 0,
    conflicts: 0,
    notFound: 0,
    crewReads: 0,
    deskReadMarks: 0,
    arrivalWaits: [],
    arrivalTimeouts: 0,
  };
  /** The crew's messages the desk marked read. */
  readonly markedRead = new Set<string>();
  #messageCursor = 0;
  #unconfirmedCall = 5000;

  constructor(private readonly center: CenterProcess) {}

  #desk<T>(path: string, body?: unknown): Promise<T> {
    return deskRequest<T>(this.center, path, body === undefined ? {} : { method: 'POST', body });
  }

  /** The desk's part of a round: a new order and a staff message, due cancellations, read marks on what the crew sent. */
  async deskRound(round: number): Promise<void> {
    const vehicleId = this.center.vehicleId;
    const k = this.orders.length;
    const { order } = await this.#desk<{ order: DeskOrder }>('/desk/v1/orders', {
      text: `round ${round} order ${k}: 前往安置点核查`,
      priority: ORDER_PRIORITIES[k % ORDER_PRIORITIES.length],
      to: { vehicleIds: [vehicleId] },
    });
    const plan = PLANS[k % PLANS.length]!;
    this.orders.push({
      orderId: order.id,
      itemId: order.recipients[0]!.itemId,
      plan,
      next: 0,
      cancel: k % PLANS.length === CANCELLED_PLAN,
      cancelled: false,
      opened: false,
    });
    this.figures.orders++;
    await this.#desk(`/desk/v1/vehicles/${vehicleId}/messages`, { text: `round ${round} 指挥中心消息` });
    this.figures.staffMessages++;
    await this.#cancelAcknowledged();
    await this.#markCrewMessagesRead();
  }

  /** A staff message sent without waiting for the answer: the center is about to be killed; it may or may not keep it. */
  fireUnconfirmedStaffMessage(round: number): void {
    void this.#desk(`/desk/v1/vehicles/${this.center.vehicleId}/messages`, { text: `round ${round} unconfirmed 指挥中心消息` }).catch(
      () => undefined,
    );
  }

  /** Cancels each order of the cancelled plan once the desk shows the crew's acknowledgement. */
  async #cancelAcknowledged(): Promise<void> {
    const due = this.orders.filter((o) => o.cancel && !o.cancelled);
    if (due.length === 0) return;
    const orders = await this.#deskOrders();
    for (const planned of due) {
      const recipient = orders.get(planned.orderId)?.recipients[0];
      if (!recipient || PROGRESS_RANK[recipient.state] < PROGRESS_RANK.acknowledged) continue;
      await this.#desk(`/desk/v1/orders/${planned.orderId}/cancel`, { reason: '任务已由其他车辆接替' });
      planned.cancelled = true;
      this.figures.cancelled++;
    }
  }

  async #deskOrders(): Promise<Map<string, DeskOrder>> {
    const { orders } = await this.#desk<DeskOrdersResponse>(`/desk/v1/orders?vehicleId=${this.center.vehicleId}&limit=500`);
    return new Map(orders.map((o) => [o.id, o]));
  }

  /** Marks read every crew message the center received since the last round (a receipt goes down each time). */
  async #markCrewMessagesRead(): Promise<void> {
    const fresh: string[] = [];
    for (;;) {
      const page = await this.#desk<{ items: DeskItem[]; next: number }>(
        `/desk/v1/items?kind=message&after=${this.#messageCursor}&limit=500`,
      );
      fresh.push(...page.items.map((item) => item.id));
      this.#messageCursor = page.next;
      if (page.items.length < 500) break;
    }
    for (let i = 0; i < fresh.length; i += 100) {
      const ids = fresh.slice(i, i + 100);
      await this.#desk(`/desk/v1/vehicles/${this.center.vehicleId}/read`, { ids });
      for (const id of ids) this.markedRead.add(id);
      this.figures.deskReadMarks++;
    }
  }

  /**
   * Gives the downlink a chance to bring every order sent so far (at most `timeoutMs`), so
   * the crew steps on them while the kills go on rather than only in the last, quiet run.
   * True when they all arrived.
   */
  async awaitArrivals(api: ApiSocket, timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    for (;;) {
      const inbox = await inboxOf(api);
      if (this.orders.every((o) => inbox.has(o.itemId))) {
        this.figures.arrivalWaits.push(Date.now() - started);
        return true;
      }
      if (Date.now() - started > timeoutMs) {
        this.figures.arrivalTimeouts++;
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * The crew's part of a round, as the crew works: open every entry that arrived (a receipt
   * goes up for each), reach for each order the desk sent (NOT_FOUND until it has arrived),
   * then take its next step (CONFLICT when that step was already taken before the last kill).
   * An order is always opened before its first step: a step marks it read on the console but
   * sends no receipt, so stepping an unopened order would leave it unread at the desk.
   */
  async crewRound(api: ApiSocket): Promise<void> {
    const inbox = await inboxOf(api);
    for (const entry of inbox.values()) {
      if (entry.readAt !== null || entry.kind === 'directory') continue;
      const frame = await api.call('inbox.markRead', { id: entry.id });
      if (!frame.ok) throw new Error(`inbox.markRead ${entry.id}: ${frame.error.code} ${frame.error.message}`);
      this.figures.crewReads++;
    }
    for (const planned of this.orders) {
      if (planned.next >= planned.plan.length) continue;
      let entry = inbox.get(planned.itemId);
      if (!entry) {
        const frame = await api.call('inbox.markRead', { id: planned.itemId });
        if (!frame.ok && frame.error.code === 'NOT_FOUND') {
          this.figures.notFound++;
          continue;
        }
        if (!frame.ok) throw new Error(`inbox.markRead ${planned.itemId}: ${frame.error.code} ${frame.error.message}`);
        entry = frame.value as InboxItemView;
        this.figures.crewReads++;
      }
      planned.opened = true;
      const state = planned.plan[planned.next]!;
      const frame = await api.call('inbox.step', {
        id: planned.itemId,
        state,
        ...(state === 'cannot-do' ? { reason: CANNOT_DO_REASON } : {}),
      });
      if (frame.ok) {
        planned.next++;
        this.figures.confirmedSteps++;
      } else if (frame.error.code === 'CONFLICT' && entry.state && PROGRESS_RANK[entry.state] >= PROGRESS_RANK[state]) {
        // Taken before the last kill (an unconfirmed call): carry on after the step the console holds.
        const at = planned.plan.indexOf(entry.state);
        if (at < 0) throw new Error(`${planned.itemId} is ${entry.state} at the console, off its plan ${planned.plan.join(' → ')}`);
        planned.next = at + 1;
        this.figures.conflicts++;
      } else {
        throw new Error(
          `inbox.step ${state} on ${planned.itemId} (console state ${entry.state ?? 'none'}): ${frame.error.code} ${frame.error.message}`,
        );
      }
    }
  }

  /** The next step of every opened order, sent without waiting for the answer: the console is about to be killed. */
  fireUnconfirmedSteps(api: ApiSocket): void {
    for (const planned of this.orders) {
      const state = planned.plan[planned.next];
      if (state === undefined || !planned.opened) continue;
      const params = { id: planned.itemId, state, ...(state === 'cannot-do' ? { reason: CANNOT_DO_REASON } : {}) };
      api.socket.send(JSON.stringify({ type: 'call', id: this.#unconfirmedCall++, method: 'inbox.step', params }));
      this.figures.unconfirmedSteps++;
    }
  }

  /** Every order stepped to its plan's end and cancelled where planned, every entry the console holds read. */
  async crewFinished(api: ApiSocket): Promise<boolean> {
    await this.crewRound(api);
    const inbox = await inboxOf(api);
    const open = this.orders.filter((o) => o.next < o.plan.length).map((o) => `${o.itemId} at ${o.plan[o.next]}`);
    const uncancelled = this.orders.filter((o) => o.cancel && !(o.cancelled && inbox.get(o.itemId)?.cancelledAt)).map((o) => o.itemId);
    const unread = [...inbox.values()].filter((e) => e.readAt === null).map((e) => e.id);
    this.waitingFor = `steps due: ${open.join(', ') || 'none'}; cancellations not on the console: ${uncancelled.join(', ') || 'none'}; unread: ${unread.join(', ') || 'none'}`;
    return open.length === 0 && uncancelled.length === 0 && unread.length === 0;
  }

  /** What crewFinished() last found missing. */
  waitingFor = '';

  /** The desk's part of the last round: cancellations still due, read marks on every message it holds. */
  async deskFinish(): Promise<boolean> {
    await this.#cancelAcknowledged();
    await this.#markCrewMessagesRead();
    return this.orders.every((o) => !o.cancel || o.cancelled);
  }

  /** Whether the console shows every message the desk marked read as read at the center. */
  async consoleShowsReadMarks(api: ApiSocket): Promise<boolean> {
    const messages = await messagesOf(api);
    return [...this.markedRead].every((id) => messages.get(id)?.centerReadAt != null);
  }

  /** What was doubled, lost or out of order; every list empty when each item arrived exactly once. */
  async problems(api: ApiSocket): Promise<WorkloadProblems> {
    const vehicleId = this.center.vehicleId;
    const problems: WorkloadProblems = {
      doubledSteps: [],
      lostSteps: [],
      strangeSteps: [],
      badTrails: [],
      doubledReceipts: [],
      lostReceipts: [],
      unreadAtDesk: [],
      doubledInbox: [],
      lostInbox: [],
      strangeInbox: [],
      badInboxOrders: [],
      unreadOnConsole: [],
    };

    // Uplink order-state items: each planned (order, step) exactly once.
    const stepCounts = new Map<string, number>();
    for (const item of await this.deskItems('order-state')) {
      const key = `${String(item.body.orderId)} ${String(item.body.state)}`;
      stepCounts.set(key, (stepCounts.get(key) ?? 0) + 1);
    }
    const planned = new Set(this.orders.flatMap((o) => o.plan.map((state) => `${o.itemId} ${state}`)));
    for (const [key, n] of stepCounts) {
      if (n > 1) problems.doubledSteps.push(`${key} ×${n}`);
      if (!planned.has(key)) problems.strangeSteps.push(key);
    }
    for (const key of planned) if (!stepCounts.has(key)) problems.lostSteps.push(key);

    // The desk's view of each order: issued, delivered, then the crew's steps once each in lifecycle order.
    const deskOrders = await this.#deskOrders();
    for (const o of this.orders) {
      const recipient = deskOrders.get(o.orderId)?.recipients.find((r) => r.vehicleId === vehicleId);
      const trail = recipient?.steps.map((s) => s.state) ?? [];
      const expected = ['issued', 'delivered', ...o.plan];
      const cancelledRight = o.cancel === (deskOrders.get(o.orderId)?.cancelledAt != null);
      if (trail.join() !== expected.join() || recipient?.state !== o.plan.at(-1) || !cancelledRight)
        problems.badTrails.push(
          `${o.itemId}: ${trail.join(' → ')} (${recipient?.state ?? 'no recipient'}), expected ${expected.join(' → ')}`,
        );
    }

    // Uplink receipts: each entry the crew opened is named by exactly one receipt.
    const held = await inboxOf(api);
    const receiptCounts = new Map<string, number>();
    for (const item of await this.deskItems('receipt'))
      for (const id of item.body.read as string[]) receiptCounts.set(id, (receiptCounts.get(id) ?? 0) + 1);
    for (const [id, n] of receiptCounts) if (n > 1) problems.doubledReceipts.push(`${id} ×${n}`);
    for (const entry of held.values()) if (entry.readAt !== null && !receiptCounts.has(entry.id)) problems.lostReceipts.push(entry.id);

    // The conversation (its latest 200 entries): whatever the crew opened, the desk shows read.
    const { entries } = await this.#desk<ConversationResponse>(`/desk/v1/vehicles/${vehicleId}/conversation`);
    for (const entry of entries)
      if (entry.direction === 'out' && held.get(entry.id)?.readAt != null && entry.readAt === null)
        problems.unreadAtDesk.push(`${entry.kind} ${entry.id}`);
    this.conversationOut = entries.filter((e) => e.direction === 'out').length;

    // Downlink: the console holds every order and staff message the center queued, once each.
    const { items: downlink } = await this.#desk<{ items: DeskDownlinkItem[] }>(`/desk/v1/vehicles/${vehicleId}/orders`);
    const sent = new Set(downlink.filter((d) => d.kind === 'order' || d.kind === 'center-message').map((d) => d.id));
    this.figures.unconfirmedStaffMessagesKept = downlink.filter((d) => d.kind === 'center-message').length - this.figures.staffMessages;
    this.downlinkReceipts = downlink.filter((d) => d.kind === 'receipt').length;
    const listed = await inboxList(api);
    const seen = new Set<string>();
    for (const entry of listed) {
      if (seen.has(entry.id)) problems.doubledInbox.push(entry.id);
      seen.add(entry.id);
      if (!sent.has(entry.id)) problems.strangeInbox.push(`${entry.kind} ${entry.id}`);
    }
    for (const id of sent) if (!seen.has(id)) problems.lostInbox.push(id);
    for (const o of this.orders) {
      const entry = held.get(o.itemId);
      if (!entry || entry.state !== o.plan.at(-1) || (entry.cancelledAt !== null) !== o.cancel)
        problems.badInboxOrders.push(`${o.itemId}: ${entry?.state ?? 'missing'}${entry?.cancelledAt ? ' cancelled' : ''}`);
    }

    // Downlink receipts: the console shows each message the desk read as read.
    const messages = await messagesOf(api);
    for (const id of this.markedRead) if (messages.get(id)?.centerReadAt == null) problems.unreadOnConsole.push(id);
    return problems;
  }

  /** Staff messages and orders in the conversation window; receipts the desk sent down. Set by problems(). */
  conversationOut = 0;
  downlinkReceipts = 0;

  /** The vehicle's items of one kind at the center, in ingest order. */
  async deskItems(kind: string): Promise<DeskItem[]> {
    const items: DeskItem[] = [];
    let after = 0;
    for (;;) {
      const page = await this.#desk<{ items: DeskItem[]; next: number }>(`/desk/v1/items?kind=${kind}&after=${after}&limit=500`);
      items.push(...page.items.filter((item) => item.vehicleId === this.center.vehicleId));
      if (page.items.length < 500) return items;
      after = page.next;
    }
  }
}

async function inboxList(api: ApiSocket): Promise<InboxItemView[]> {
  const frame = await api.call('inbox.list', { limit: 1000 });
  if (!frame.ok) throw new Error(`inbox.list: ${frame.error.code} ${frame.error.message}`);
  return frame.value as InboxItemView[];
}

async function inboxOf(api: ApiSocket): Promise<Map<string, InboxItemView>> {
  return new Map((await inboxList(api)).map((entry) => [entry.id, entry]));
}

async function messagesOf(api: ApiSocket): Promise<Map<string, MessageView>> {
  const frame = await api.call('messages.list', { limit: 1000 });
  if (!frame.ok) throw new Error(`messages.list: ${frame.error.code} ${frame.error.message}`);
  return new Map((frame.value as MessageView[]).map((m) => [m.id, m]));
}
