import type { ConversationEntry } from '../../../protocol/sync/desk';

/** How far an entry got: out — sent, delivered to the vehicle, read by the crew; in — received, read by staff. */
export type ReceiptState = 'sent' | 'delivered' | 'read' | 'received' | 'unread';

export function receiptState(entry: ConversationEntry): ReceiptState {
  if (entry.direction === 'out') return entry.readAt !== null ? 'read' : entry.deliveredAt !== null ? 'delivered' : 'sent';
  return entry.readAt !== null ? 'read' : 'unread';
}

/** The vehicle's entries no staff member has marked read (what opening the conversation marks). */
export function unreadIds(entries: readonly ConversationEntry[]): string[] {
  return entries.filter((e) => e.direction === 'in' && e.readAt === null).map((e) => e.id);
}
