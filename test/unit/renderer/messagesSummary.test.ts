import { describe, expect, it } from 'vitest';
import { messagesSummary } from '../../../renderer/views/messages/messagesSummary';

describe('messagesSummary', () => {
  it('says "All delivered" only when something was sent to a configured center and nothing waits', () => {
    expect(messagesSummary({ sent: 3, queued: 0, centerConfigured: true })).toEqual({ key: 'messages.allDelivered' });
    expect(messagesSummary({ sent: 0, queued: 0, centerConfigured: true })).toEqual({ key: 'messages.noneSent' });
    expect(messagesSummary({ sent: 0, queued: 0, centerConfigured: false })).toEqual({ key: 'messages.noCenter' });
    expect(messagesSummary({ sent: 2, queued: 2, centerConfigured: false })).toEqual({ key: 'messages.queuedNoCenter', count: 2 });
    expect(messagesSummary({ sent: 2, queued: 1, centerConfigured: true })).toEqual({ key: 'messages.queuedCount', count: 1 });
  });
});
