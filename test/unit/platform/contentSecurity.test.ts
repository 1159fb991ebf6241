import { describe, expect, it } from 'vitest';
import { centerConnectSources } from '../../../main/core/sync/centerConnectSources';
import { DEFAULT_SBD_SEND } from '../../../protocol/config/sbdSendConfig';
import { contentSecurityPolicy } from '../../../platform/static/contentSecurity';

describe('content security policy', () => {
  it('lets the renderer connect back to itself only, unless a center is configured', () => {
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
    expect(contentSecurityPolicy(['wss://center.example.org:7000'])).toContain("connect-src 'self' wss://center.example.org:7000;");
  });

  it("allows the center's signaling origins: its address and each per-link address, as ws(s)", () => {
    expect(centerConnectSources(undefined)).toEqual([]);
    const sync = {
      centerUrl: 'https://center.example.org:7000/',
      token: `mcv-v.mcv-07.${'a'.repeat(43)}`,
      linkUrls: { vsat: 'http://10.9.0.1:7000', lte: 'https://center.example.org:7000' },
      pollSeconds: 15,
      positionEverySeconds: 60,
      positionEveryMeters: 500,
      narrowLinkKbps: 64,
      sbd: DEFAULT_SBD_SEND,
    };
    expect(centerConnectSources(sync)).toEqual(['wss://center.example.org:7000', 'ws://10.9.0.1:7000']);
  });
});
