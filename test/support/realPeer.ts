import { spawnSync } from 'node:child_process';

/** True when running under `.ci/run`, where a missing real peer is a failure, never a skip. */
export const IN_CI = process.env.MCV_CI === '1';

/**
 * Whether a real peer program (rigctld, gpsd, gpsfake, …) can be run here. Missing under CI:
 * throws, so the suite fails and says what to install. Missing elsewhere: false, and the
 * reason is printed for the test to skip with (`describe.skipIf(!peer)`).
 */
export function realPeer(program: string, debianPackage: string): boolean {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).status === 0;
  if (found) return true;
  const why = `${program} is not installed (apt-get install -y ${debianPackage}); the real-peer tests need it`;
  if (IN_CI) throw new Error(why);
  console.warn(`skipped: ${why}`);
  return false;
}
