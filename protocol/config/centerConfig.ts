import { z } from 'zod';

/**
 * The center server's configuration file (`--config center.json`); flags win over it.
 * Strict, so a misspelt key is reported by name instead of ignored.
 */
export const CenterConfig = z
  .object({
    /** Where the center keeps its database and attachments. */
    dataDir: z.string().min(1).optional(),
    /** Address to listen on. Plain HTTP is allowed only on loopback unless `allowPlain`. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(7000),
    /** PEM files; with both, the center speaks HTTPS. */
    tls: z.object({ cert: z.string().min(1), key: z.string().min(1) }).strict().optional(),
    /** Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy, or on a closed network). */
    allowPlain: z.boolean().default(false),
    /** UDP echo responder for the consoles' path probes (RFC 862, our probe payloads only); 0 turns it off. */
    echoPort: z.number().int().min(0).max(65535).default(7007),
    /** Largest attachment a vehicle may upload, bytes. */
    maxAttachmentBytes: z.number().int().min(1).max(4 * 1024 ** 3).default(2 * 1024 ** 3),
  })
  .strict();
export type CenterConfig = z.infer<typeof CenterConfig>;
export type CenterConfigInput = z.input<typeof CenterConfig>;
