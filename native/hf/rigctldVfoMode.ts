/**
 * Whether to talk to rigctld in VFO mode. `rigctld --vfo` takes the VFO as the first
 * argument of every rig command and echoes it in its answers; a client that does not
 * send it desynchronises (rigctld reads the next command line as the VFO). rigctld says
 * which mode it runs in through `\chk_vfo` (Hamlib's own NET rigctl backend asks the same
 * at open), so the default is to follow it; a link may also pin the mode.
 */

/** `auto`: follow `\chk_vfo`; `on`/`off`: expect rigctld to run with/without `--vfo`. Default `auto`. */
export type RigctldVfoSetting = 'auto' | 'on' | 'off';

export const VFO_SETTINGS: readonly RigctldVfoSetting[] = ['auto', 'on', 'off'];

export type VfoDecision =
  /** Poll in this mode; `note` says how it was chosen (logged once per connection). */
  | { kind: 'use'; vfoMode: boolean; note: string }
  /** rigctld runs in the other mode than the link is set to: polling would only read shifted answers. */
  | { kind: 'mismatch'; detail: string };

/**
 * Decides from the link's setting and rigctld's `\chk_vfo` answer (`undefined`: rigctld did
 * not answer it — an older rigctld or a rigctld-compatible server).
 */
export function decideVfoMode(setting: RigctldVfoSetting, rigctldSays: boolean | undefined): VfoDecision {
  if (rigctldSays === undefined) {
    const vfoMode = setting === 'on';
    return {
      kind: 'use',
      vfoMode,
      note: `rigctld did not answer \\chk_vfo; assuming it runs ${vfoMode ? 'with' : 'without'} --vfo (link setting "${setting}")`,
    };
  }
  if (setting === 'off' && rigctldSays)
    return {
      kind: 'mismatch',
      detail: 'rigctld runs with --vfo but this link is set without VFO mode (set vfoMode to auto or on, or start rigctld without --vfo)',
    };
  if (setting === 'on' && !rigctldSays)
    return {
      kind: 'mismatch',
      detail: 'rigctld runs without --vfo but this link is set to VFO mode (set vfoMode to auto or off, or start rigctld with --vfo)',
    };
  return {
    kind: 'use',
    vfoMode: rigctldSays,
    note: rigctldSays ? 'rigctld runs with --vfo: each rig command names the current VFO (currVFO)' : 'rigctld runs without --vfo',
  };
}
