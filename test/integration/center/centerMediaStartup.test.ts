import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskMe } from '../../../protocol/sync/desk';
import { DESK_PATHS } from '../../../protocol/sync/http';
import { CenterClient } from '../../../main/core/sync/CenterClient';
import { fetchCenterMedia } from '../../../main/core/sync/mediaTicket';
import type { LinkRoute } from '../../../main/core/sync/linkRoute';
import { startCenter, type CenterProcess } from '../../support/centerProcess';
import { desk, json } from './centerHttp';

/**
 * The real center says once at start whether live media is on and why, and gives the desk
 * the same as a code. These machines have the mediasoup package without its worker binary,
 * so media is off there; where a worker exists, the loopback defaults turn it on.
 */

const centers: CenterProcess[] = [];
afterEach(async () => {
  for (const center of centers.splice(0)) await center.dispose();
});

const mediasoup = (await import('mediasoup').catch(() => undefined)) as { workerBin: string } | undefined;
const workerPresent = mediasoup !== undefined && existsSync(mediasoup.workerBin);

const mediaLines = (output: string) => output.split('\n').filter((line) => line.startsWith('[media] media is '));

describe('live media at the center start', () => {
  it('on loopback without a media block: one line saying on with defaults, or off because mediasoup cannot run', async () => {
    const center = await startCenter();
    centers.push(center);
    const lines = mediaLines(center.output());
    expect(lines, center.output()).toHaveLength(1);
    const me = DeskMe.parse(json(await desk(center.url, center.staffToken, DESK_PATHS.me)));
    if (workerPresent) {
      expect(lines[0]).toMatch(
        /^\[media\] media is on: mediasoup, WebRTC ports 40000–40999, no "media" block, and the center listens on loopback only/,
      );
      expect(me.center.media).toMatchObject({ on: true, code: 'loopback-defaults' });
    } else {
      expect(lines[0]).toMatch(
        /^\[media\] media is off: (the mediasoup package cannot be loaded|mediasoup \S+ is installed without its worker binary)/,
      );
      expect(lines[0]).toContain('docs/media.md');
      expect(me.center.media).toMatchObject({ on: false, code: 'mediasoup-missing' });
      expect(me.center.media.reason).toBe(lines[0]!.replace('[media] media is off: ', ''));
    }
    // A console asks the same before offering "Go live" (GET /media/v1/state with its vehicle token).
    const client = new CenterClient(center.vehicleToken);
    const route: LinkRoute = {
      linkId: 'wired',
      linkName: 'Wired',
      route: { baseUrl: center.url },
      budgetKbps: 10_000,
      latencyMs: 5,
      capacityKbps: 10_000,
    };
    const asked = await fetchCenterMedia(client, route, 1234);
    expect(asked).toEqual({
      state: workerPresent ? 'on' : 'off',
      code: workerPresent ? 'loopback-defaults' : 'mediasoup-missing',
      reason: me.center.media.reason,
      checkedAt: 1234,
    });
    // A bad token is refused, and what cannot be asked is "unknown" with the reason, never a throw.
    const refused = await fetchCenterMedia(new CenterClient('not-a-token-of-this-center-000000'), route, 1);
    expect(refused.state).toBe('unknown');
    expect(refused.reason).toBe("the command center refused this vehicle's token");
    expect(await fetchCenterMedia(undefined, route, 1)).toEqual({
      state: 'unknown',
      reason: 'no command center is configured',
      checkedAt: 1,
    });
    expect(await fetchCenterMedia(client, undefined, 1)).toEqual({
      state: 'unknown',
      reason: 'no link may carry live media now',
      checkedAt: 1,
    });
    client.close();
  });

  it('beyond loopback without a media block: off, saying a media block is needed', async () => {
    const center = await startCenter({ args: ['--host', '0.0.0.0', '--allow-plain'] });
    centers.push(center);
    const lines = mediaLines(center.output());
    expect(lines).toEqual([
      '[media] media is off: the config has no "media" block, and the center listens on 0.0.0.0, beyond this machine: add one with the announced address and WebRTC ports (docs/media.md)',
    ]);
  });
});
