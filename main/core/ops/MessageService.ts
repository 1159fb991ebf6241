import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { PositionReport } from '../../../protocol/links/gnss';
import type { CrewOrderState, MessageBody, Priority } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { inboxItemById, listInbox, pendingAlerts } from '../store/inboxRepo';
import { insertMessage, listMessages, messageView } from '../store/messagesRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { estimateWireBytes } from '../sync/outboxItem';
import { recordOrderStep, recordRead } from '../store/crewWrites';
import { ConflictError, checkCrewStep, stepPriority } from './orderSteps';

/** A fix older than this is not attached to a message as "where we were". */
const POSITION_FRESH_MS = 10 * 60_000;

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export interface MessageServiceOptions {
  store: Store;
  /** The vehicle's latest position, attached to each message. */
  position: () => PositionReport | undefined | null;
  /** Told when something new waits in the outbox. */
  onOutbox: () => void;
  now?: () => number;
}

/**
 * The crew's messages and the center's orders. A message is written with its outbox
 * item in one transaction, so once the operator sees it listed it will reach the center
 * even if the console dies the next moment; it works the same with no link at all.
 */
export class MessageService extends SafeEmitter<{ messages: [messages: MessageView[]]; inbox: [items: InboxItemView[]] }> {
  readonly #options: MessageServiceOptions;
  readonly #now: () => number;

  constructor(options: MessageServiceOptions) {
    super();
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  list(limit: number): MessageView[] {
    return this.#withStore(() => listMessages(this.#options.store.db, limit));
  }

  send(params: { text: string; priority: Priority; replyTo?: string }): MessageView {
    const view = this.#withStore(() => this.#insert(params));
    this.safeEmit('messages', [view]);
    this.#options.onOutbox();
    return view;
  }

  inbox(limit: number): InboxItemView[] {
    return this.#withStore(() => listInbox(this.#options.store.db, limit));
  }

  /** Orders not acknowledged and entries not read: what the alert in every view shows (it survives a restart). */
  alerts(): InboxItemView[] {
    return this.#withStore(() => pendingAlerts(this.#options.store.db));
  }

  /** The crew opened an entry: marked read and, for an order or a staff message, a receipt goes to the center. */
  markRead(id: string): InboxItemView {
    const db = this.#options.store.db;
    const entry = this.#entry(id);
    const receipt = this.#withStore(() => recordRead(db, entry, this.#now()));
    const item = this.#entry(id);
    this.safeEmit('inbox', [item]);
    if (receipt && entry.kind !== 'directory') this.#options.onOutbox();
    return item;
  }

  /** The crew's step on an order (签收, 落实中, 已完成, 无法执行): shown at once, sent to the center. */
  orderStep(id: string, state: CrewOrderState, reason?: string): InboxItemView {
    const order = this.#entry(id);
    if (order.kind !== 'order') throw new NotFoundError(`no order with id ${id}`);
    checkCrewStep(order, state);
    this.#withStore(() => recordOrderStep(this.#options.store.db, order, state, reason, stepPriority(order.priority, state), this.#now()));
    const item = this.#entry(id);
    this.safeEmit('inbox', [item]);
    this.#options.onOutbox();
    return item;
  }

  #entry(id: string): InboxItemView {
    const item = this.#withStore(() => inboxItemById(this.#options.store.db, id));
    if (!item) throw new NotFoundError(`no order or message with id ${id}`);
    return item;
  }

  #insert(params: { text: string; priority: Priority; replyTo?: string }): MessageView {
    const now = this.#now();
    const id = uuidv7(now);
    const body: MessageBody = { text: params.text, ...(params.replyTo ? { replyTo: params.replyTo } : {}) };
    const position = this.#options.position();
    if (position && now - position.at <= POSITION_FRESH_MS && position.fixMode !== 'none') {
      body.latitude = position.latitude;
      body.longitude = position.longitude;
    }
    const bytes = estimateWireBytes({ kind: 'message', id, priority: params.priority, createdAt: now, body });
    insertMessage(this.#options.store.db, { id, createdAt: now, priority: params.priority, body, bytes });
    return messageView(this.#options.store.db, id)!;
  }

  #withStore<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      throw storeError(error, this.#options.store.file);
    }
  }
}
