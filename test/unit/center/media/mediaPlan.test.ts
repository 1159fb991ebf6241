import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planMedia, type MediaPlanInput } from '../../../../center/media/mediaPlan';
import { probeMediasoup } from '../../../../center/media/mediasoup/probeMediasoup';
import { MediaConfig } from '../../../../protocol/config/centerConfig';

const loadable = { loadable: true } as const;
const missing = { loadable: false, why: 'mediasoup is installed without its worker binary' } as const;
const block = MediaConfig.parse({ announcedAddress: 'center.example.org', rtcMinPort: 41000, rtcMaxPort: 41099 });
const plan = (input: Partial<MediaPlanInput>) =>
  planMedia({ media: undefined, host: '127.0.0.1', loopback: true, mediasoup: loadable, ...input });

describe("the center's media plan (config block, bound address, mediasoup present)", () => {
  it('runs defaults on 127.0.0.1 when bound to loopback with mediasoup and no media block', () => {
    const decided = plan({});
    expect(decided.code).toBe('loopback-defaults');
    expect(decided.run).toEqual(MediaConfig.parse({ listenIp: '127.0.0.1' }));
    expect(decided.run?.announcedAddress).toBeUndefined();
    expect(decided.why).toBe(
      'no "media" block, and the center listens on loopback only (127.0.0.1), so defaults: WebRTC on 127.0.0.1:40000-40999',
    );
  });

  it('runs the configured block as it is, on any address', () => {
    expect(plan({ media: block })).toMatchObject({ run: block, code: 'configured' });
    expect(plan({ media: block, host: '0.0.0.0', loopback: false })).toMatchObject({ run: block, code: 'configured' });
  });

  it('stays off without a block beyond loopback, saying what to add, whether or not mediasoup is there', () => {
    for (const mediasoup of [loadable, missing]) {
      const decided = plan({ host: '0.0.0.0', loopback: false, mediasoup });
      expect(decided.run).toBeUndefined();
      expect(decided.code).toBe('not-configured');
      expect(decided.why).toContain('listens on 0.0.0.0, beyond this machine');
    }
  });

  it('stays off when mediasoup cannot run, with its reason, block or not', () => {
    expect(plan({ mediasoup: missing })).toEqual({ run: undefined, code: 'mediasoup-missing', why: missing.why });
    expect(plan({ media: block, host: '10.0.0.5', loopback: false, mediasoup: missing })).toEqual({
      run: undefined,
      code: 'mediasoup-missing',
      why: missing.why,
    });
  });
});

describe('whether mediasoup can run', () => {
  it('needs the package and its worker binary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcv-'));
    try {
      const bin = join(dir, 'mediasoup-worker');
      expect(await probeMediasoup(async () => ({ version: '3.32.2', workerBin: bin }))).toEqual({
        loadable: false,
        why: expect.stringContaining(`mediasoup 3.32.2 is installed without its worker binary (${bin} does not exist)`),
      });
      writeFileSync(bin, '');
      expect(await probeMediasoup(async () => ({ version: '3.32.2', workerBin: bin }))).toEqual({ loadable: true });
      const absent = await probeMediasoup(() => Promise.reject(new Error("Cannot find package 'mediasoup'")));
      expect(absent).toEqual({
        loadable: false,
        why: expect.stringContaining("the mediasoup package cannot be loaded (Cannot find package 'mediasoup')"),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
