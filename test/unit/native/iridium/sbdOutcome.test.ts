import { describe, expect, it } from 'vitest';
import { SbdOutcome } from '../../../../protocol/links/sbd';
import { isSessionSuccess, sbdOutcome } from '../../../../native/iridium/sbdOutcome';

/** The MO status table of `+SBDIX` (ISU AT Command Reference v2.45; ../shared/reference/devices.md §4). */
describe('sbdOutcome', () => {
  it.each([
    [0, 'success'],
    [1, 'success'], // MT message too big
    [2, 'success'], // location update refused
    [3, 'success'],
    [4, 'success'],
    [5, 'gateway-failure'],
    [6, 'gateway-failure'],
    [7, 'gateway-failure'],
    [8, 'gateway-failure'],
    [10, 'call-timeout'],
    [11, 'mo-queue-full'],
    [12, 'gateway-failure'], // too many segments
    [13, 'gateway-failure'], // session did not complete
    [14, 'gateway-failure'], // invalid segment size
    [15, 'access-denied'],
    [16, 'locked'],
    [17, 'gateway-not-responding'],
    [18, 'rf-drop'],
    [19, 'link-failure'],
    [32, 'no-network-service'],
    [33, 'antenna-fault'],
    [34, 'radio-disabled'],
    [35, 'busy'],
    [36, 'wait-after-registration'],
    [37, 'sbd-disabled'],
    [38, 'traffic-management'],
    [64, 'band-violation'],
    [65, 'pll-lock-failure'],
  ] as const)('MO status %i is %s', (status, outcome) => expect(sbdOutcome(status)).toBe(outcome));

  it.each([9, 20, 31, 39, 63, 66, 255, -1, 1.5, Number.NaN])('MO status %s (not in the table) is unknown', (status) => {
    expect(sbdOutcome(status)).toBe('unknown');
  });

  it('only ever gives outcomes of the protocol enum', () => {
    for (let status = 0; status <= 255; status++) expect(SbdOutcome.options).toContain(sbdOutcome(status));
  });

  it('calls 0–4 a successful session and nothing else', () => {
    const successes = Array.from({ length: 256 }, (_, status) => status).filter(isSessionSuccess);
    expect(successes).toEqual([0, 1, 2, 3, 4]);
  });
});
