import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { PositionReport } from '../../../protocol/links/gnss';
import type { MessageBody, Priority } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { inboxItemById, listInbox, markInboxAcked, markInboxRead } from '../store/inboxRepo';
import { insertMessage, listMessages, messageView } from '../store/messagesRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { estimateWireBytes } from '../sync/outboxItem';

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

  markRead(id: string): InboxItemView {
    const db = this.#options.store.db;
    const item = this.#withStore(() => {
      markInboxRead(db, id, this.#now());
      return inboxItemById(db, id);
    });
    if (!item) throw new NotFoundError(`no order or update with id ${id}`);
    this.safeEmit('inbox', [item]);
    return item;
  }

  /** The crew acknowledges an order: a reply message goes to the center, the order shows it. */
  acknowledge(id: string, text: string): MessageView {
    const db = this.#options.store.db;
    const order = this.#withStore(() => inboxItemById(db, id));
    if (!order || order.kind !== 'order') throw new NotFoundError(`no order with id ${id}`);
    if (order.ackedBy) {
      const existing = this.#withStore(() => messageView(db, order.ackedBy!));
      if (existing) return existing;
    }
    const view = this.#withStore(() =>
      db.transaction(() => {
        const reply = this.#insert({ text, priority: order.priority === 'flash' ? 'flash' : 'immediate', replyTo: id });
        markInboxAcked(db, id, reply.id, this.#now());
        return reply;
      })(),
    );
    this.safeEmit('messages', [view]);
    this.safeEmit('inbox', [this.#withStore(() => inboxItemById(db, id))!]);
    this.#options.onOutbox();
    return view;
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
      throw storeError(error, this.#options.store.file);
    }
  }
}
