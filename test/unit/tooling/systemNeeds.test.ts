import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { needsFor } from '../../../scripts/system-needs.mjs';

type Need = { pkg: string; why: string; ok: () => boolean };
const packages = (purpose: string) => (needsFor(purpose) as Need[]).map((need) => need.pkg);

describe('the Debian packages `npm start` and `npm test` set up', () => {
  it('gives a first run what the UI needs: the demo vehicle’s socat and a CJK font for zh-CN', () => {
    expect(packages('run')).toEqual(['socat', 'fonts-wqy-microhei']);
  });

  it('gives the tests that and the browser and real peers they drive', () => {
    expect(packages('test')).toEqual(['socat', 'fonts-wqy-microhei', 'chromium', 'openssl', 'libhamlib-utils', 'gpsd', 'gpsd-clients']);
  });

  it('says why each is needed', () => {
    for (const need of needsFor('test') as Need[]) expect(need.why.length, need.pkg).toBeGreaterThan(10);
  });
});
