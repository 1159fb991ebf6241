import { describe, expect, it } from 'vitest';
import { nextStaleSince } from '../../../renderer/hooks/staleSince';

describe('since when the screen is stale', () => {
  it('starts when the core goes out of reach, keeps that time while it stays out, clears when it is back', () => {
    let since = nextStaleSince(undefined, 'open', 1000);
    expect(since).toBeUndefined();
    since = nextStaleSince(since, 'closed', 5000);
    expect(since).toBe(5000);
    since = nextStaleSince(since, 'connecting', 9000);
    expect(since).toBe(5000); // reconnect attempts do not make old values newer
    since = nextStaleSince(since, 'open', 12_000);
    expect(since).toBeUndefined();
  });
});
