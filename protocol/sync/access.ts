import { z } from 'zod';

/**
 * Staff access at the center: a staff member's role and the vehicle groups that decide
 * which vehicles they see and command (docs/center.md, "Staff roles and vehicle groups").
 * An `admin` sees every vehicle; `desk` staff see the vehicles that share at least one
 * group with them.
 */

export const StaffRole = z.enum(['desk', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * A vehicle group's name, e.g. `sichuan-north` or `川北`: lower-case letters of any script,
 * digits, `-` and `_`, 1–32 characters, first a letter or digit. No commas or spaces (the
 * CLI takes `--groups a,b`) and no upper case, so `North` and `north` cannot become two
 * groups by a slip of the shift key.
 */
export const GroupName = z
  .string()
  .regex(
    /^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}_-]{0,31}$/u,
    'use 1–32 lower-case letters (any script), digits, "-" or "_" (first a letter or digit)',
  );
export type GroupName = z.infer<typeof GroupName>;

/** Most groups one vehicle or staff member may be in. */
export const MAX_GROUPS = 50;

/** A set of groups: duplicates dropped, sorted, so stored and shown the same way every time. */
export const GroupList = z
  .array(GroupName)
  .max(MAX_GROUPS, `at most ${MAX_GROUPS} groups`)
  .transform((groups) => [...new Set(groups)].sort());
export type GroupList = z.infer<typeof GroupList>;
