/**
 * The Messages view's one-line summary, as a translation key and count: "All delivered" only
 * when something was sent and the center has it all — not when nothing was sent, nor when no
 * center is configured and everything stays on this console.
 */
export function messagesSummary(messages: { sent: number; queued: number; centerConfigured: boolean }): { key: string; count?: number } {
  if (messages.queued > 0)
    return { key: messages.centerConfigured ? 'messages.queuedCount' : 'messages.queuedNoCenter', count: messages.queued };
  if (!messages.centerConfigured) return { key: 'messages.noCenter' };
  return { key: messages.sent === 0 ? 'messages.noneSent' : 'messages.allDelivered' };
}
