import { z } from 'zod';
import { Language, Slug, Theme } from '../common';

/**
 * The console's configuration file (`config.json` in the data directory, or `--config`).
 * Every object is strict, so a misspelt key is reported by name instead of ignored.
 */

export const LteSinrFormula = z.enum(['auto', 'fifth-db', 'double-minus-20', 'db']);
export type LteSinrFormula = z.infer<typeof LteSinrFormula>;

export const CellularLinkConfig = z
  .object({
    id: Slug,
    name: z.string().min(1).max(64),
    kind: z.literal('cellular'),
    /** AT-command modem over a serial port (3GPP 27.007 + Quectel `+QENG`). */
    driver: z.literal('at-cellular').default('at-cellular'),
    /** Serial port of the modem's AT interface, e.g. `/dev/ttyUSB2` or `COM5`. */
    port: z.string().min(1).max(256),
    baudRate: z.number().int().positive().max(4_000_000).default(115200),
    /** How often signal and registration are polled. Default 1000 ms. */
    pollIntervalMs: z.number().int().min(200).max(60_000).default(1000),
    /** How long one AT command may take before it counts as unanswered. Default 2000 ms. */
    commandTimeoutMs: z.number().int().min(100).max(120_000).default(2000),
    /**
     * A value not refreshed for this long is shown as stale, and the link as unknown.
     * Default: 10 s, or three poll intervals if that is longer. At least two intervals.
     */
    staleAfterMs: z.number().int().min(1000).max(3_600_000).optional(),
    /** Metered links carry bulk traffic only when the operator allows it. Default true. */
    metered: z.boolean().default(true),
    /** How to read Quectel's LTE SINR field; firmware differs (see docs/devices.md). Default auto. */
    lteSinrFormula: LteSinrFormula.default('auto'),
  })
  .strict();
export type CellularLinkConfig = z.infer<typeof CellularLinkConfig>;

export const LinkConfig = z.discriminatedUnion('kind', [CellularLinkConfig]);

/** Link ids of the simulated demo vehicle; configured links may not use it. */
export const DEMO_LINK_PREFIX = 'demo-';

/** The stale limit a link uses: its own, or 10 s / three poll intervals, whichever is longer. */
export function staleAfterMs(link: Pick<CellularLinkConfig, 'staleAfterMs' | 'pollIntervalMs'>): number {
  return link.staleAfterMs ?? Math.max(10_000, 3 * link.pollIntervalMs);
}
export type LinkConfig = z.infer<typeof LinkConfig>;

export const ConsoleConfig = z
  .object({
    vehicle: z
      .object({ name: z.string().min(1).max(64).default('MCV-01') })
      .strict()
      .default({ name: 'MCV-01' }),
    /** Where the database lives. `--data-dir` wins over this. */
    dataDir: z.string().min(1).optional(),
    server: z
      .object({
        /** Address of the headless host. Default 127.0.0.1 (this machine only). */
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(5170),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 5170 }),
    /** Start the built-in simulated vehicle even when links are configured. */
    demo: z.boolean().default(false),
    links: z.array(LinkConfig).default([]),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.links.forEach((link, index) => {
      if (link.id.startsWith(DEMO_LINK_PREFIX)) {
        ctx.addIssue({ code: 'custom', path: ['links', index, 'id'], message: `ids starting with "${DEMO_LINK_PREFIX}" are kept for the demo vehicle` });
      }
      if (link.staleAfterMs !== undefined && link.staleAfterMs < 2 * link.pollIntervalMs) {
        ctx.addIssue({ code: 'custom', path: ['links', index, 'staleAfterMs'], message: `must be at least two poll intervals (${2 * link.pollIntervalMs} ms), or every value goes stale between polls` });
      }
      const first = seen.get(link.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['links', index, 'id'], message: `duplicate link id "${link.id}" (also links[${first}])` });
      } else {
        seen.set(link.id, index);
      }
    });
  });
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;
export type ConsoleConfigInput = z.input<typeof ConsoleConfig>;

/** Settings the operator changes from the UI; kept in the database, shared by every window. */
export const Settings = z.object({ language: Language, theme: Theme }).strict();
export type Settings = z.infer<typeof Settings>;
