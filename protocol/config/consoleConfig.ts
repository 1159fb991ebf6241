import { z } from 'zod';
import { Language, Theme } from '../common';
import { PolicyPins } from '../links/policy';
import { Token } from '../sync/credentials';
import { DEFAULT_FIRST_REPORT_DEADLINES, FirstReportDeadlines } from '../sync/incidents';
import { DEMO_LINK_PREFIX, LinkConfig, refreshIntervalMs } from './linkConfig';
import { DEFAULT_SBD_SEND, SbdSendConfig } from './sbdSendConfig';

/**
 * The console's configuration file (`config.json` in the data directory, or `--config`).
 * Every object is strict, so a misspelt key is reported by name instead of ignored.
 */

export { CellularLinkConfig, DEMO_LINK_PREFIX, LinkConfig, LteSinrFormula, staleAfterMs } from './linkConfig';

const CenterUrl = z.url({
  protocol: /^https?$/,
  error: "expected the center's http:// or https:// address, e.g. https://center.example.org:7000",
});

/** How this vehicle reaches its fixed command center. Without it, everything waits in the outbox. */
export const SyncConfig = z
  .object({
    /** The center's address, e.g. https://center.example.org:7000. */
    centerUrl: CenterUrl,
    /** The vehicle token the center issued (`npm run center -- vehicles add <name>`). */
    token: Token,
    /** The center's address as reached through a particular link, when it differs (per link id). */
    linkUrls: z.record(z.string(), CenterUrl).optional(),
    /** How often to ask the center for orders while nothing else is sent, s. Default 15. */
    pollSeconds: z.number().min(1).max(3600).default(15),
    /** A position report goes to the center at most this often, s. Default 60. */
    positionEverySeconds: z.number().min(5).max(86_400).default(60),
    /** ...or sooner when the vehicle moved this far, m. Default 500. */
    positionEveryMeters: z.number().min(10).max(1_000_000).default(500),
    /** Links of at most this capacity (kbit/s) exchange over one persistent stream instead of an HTTP request each (docs/sync.md, "Narrow links"). Default 64; 0 = never. */
    narrowLinkKbps: z.number().min(0).max(100_000).default(64),
    /** What may go by Iridium SBD when no IP link can carry it (priorities, monthly budget). */
    sbd: SbdSendConfig.default(DEFAULT_SBD_SEND),
  })
  .strict();
export type SyncConfig = z.infer<typeof SyncConfig>;

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
    sync: SyncConfig.optional(),
    /** Incident reporting: when a first report must reach the center, per level (minutes; defaults in protocol/sync/incidents). */
    incidents: z
      .object({ firstReportMinutes: FirstReportDeadlines.default(DEFAULT_FIRST_REPORT_DEADLINES) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    for (const linkId of Object.keys(config.sync?.linkUrls ?? {})) {
      if (!config.links.some((l) => l.id === linkId) && !linkId.startsWith(DEMO_LINK_PREFIX)) {
        ctx.addIssue({ code: 'custom', path: ['sync', 'linkUrls', linkId], message: `no link with id "${linkId}" in links` });
      }
    }
    config.links.forEach((link, index) => {
      if (link.id.startsWith(DEMO_LINK_PREFIX)) {
        ctx.addIssue({
          code: 'custom',
          path: ['links', index, 'id'],
          message: `ids starting with "${DEMO_LINK_PREFIX}" are kept for the demo vehicle`,
        });
      }
      const interval = refreshIntervalMs(link);
      if (link.staleAfterMs !== undefined && link.staleAfterMs < 2 * interval) {
        ctx.addIssue({
          code: 'custom',
          path: ['links', index, 'staleAfterMs'],
          message: `must be at least two poll intervals (${2 * interval} ms), or every value goes stale between polls`,
        });
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
export const Settings = z
  .object({
    language: Language,
    theme: Theme,
    /** Metered links may carry bulk traffic (photos, recordings). */
    allowMeteredBulk: z.boolean(),
    /** Traffic classes the operator pinned to a link. */
    pins: PolicyPins,
    /** The alert sound for orders and messages is muted until then (ms; null: not muted). The banner stays. */
    alertsMutedUntil: z.number().int().nonnegative().nullable(),
    /** The base layer the map shows (a layer id; null or absent: the first one). */
    mapLayer: z.string().max(64).nullable().optional(),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;
