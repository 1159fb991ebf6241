import { z } from 'zod';
import { Slug } from '../common';
import { ProbeMethod } from '../links/path';

/**
 * One entry of `links` in the config file, per device family. Every object is strict,
 * so a misspelt key is reported by name instead of ignored.
 */

export const LteSinrFormula = z.enum(['auto', 'fifth-db', 'double-minus-20', 'db']);
export type LteSinrFormula = z.infer<typeof LteSinrFormula>;

/** `host:port`, host an IPv4 address, a name, or `[IPv6]`. */
const HostPort = z
  .string()
  .max(300)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port, e.g. 192.0.2.10:7 or [2001:db8::1]:7')
  .refine((value) => Number(value.slice(value.lastIndexOf(':') + 1)) <= 65535, 'port must be 1..65535');

const Host = z.string().min(1).max(253);
const TcpPort = z.number().int().min(1).max(65535);
const SerialPath = z.string().min(1).max(256);
const Baud = z.number().int().positive().max(4_000_000);

/**
 * Active path probes through the link (UDP echo, RFC 862, or TCP connect time), and the
 * health hysteresis in the spirit of OpenWrt mwan3: down after `downAfter` lost probes in
 * a row, up after `upAfter` good ones. Latency thresholds default by link kind (looser on
 * satellite, see docs/links.md).
 */
export const ProbeConfig = z
  .object({
    target: HostPort,
    method: ProbeMethod.default('udp-echo'),
    /** Local IP address of the link's interface (not its name); probes leave through it. Default: any. */
    bindAddress: z
      .union([z.ipv4(), z.ipv6()], { error: "expected the IP address of the link's interface, e.g. 10.64.0.2 (not an interface name)" })
      .optional(),
    /** Default 5000 ms. */
    intervalMs: z.number().int().min(200).max(600_000).default(5000),
    /** A probe with no answer after this long is lost. Default 2000 ms. */
    timeoutMs: z.number().int().min(50).max(60_000).default(2000),
    /** Lost probes in a row that take the link down. Default 3. */
    downAfter: z.number().int().min(1).max(100).default(3),
    /** Good probes in a row that bring it back up. Default 5. */
    upAfter: z.number().int().min(1).max(100).default(5),
    /** Degraded at or above these (mean RTT / loss over the window). */
    failureLatencyMs: z.number().int().min(1).max(60_000).optional(),
    failureLossPct: z.number().min(0).max(100).default(40),
    /** Out of degraded only at or below these. */
    recoveryLatencyMs: z.number().int().min(1).max(60_000).optional(),
    recoveryLossPct: z.number().min(0).max(100).default(10),
    /** Probes the loss and latency figures are taken over. Default 10. */
    windowSize: z.number().int().min(2).max(1000).default(10),
  })
  .strict()
  .superRefine((probe, ctx) => {
    const host = probe.target.slice(0, probe.target.lastIndexOf(':'));
    const targetV6 = host.startsWith('[');
    const targetV4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
    const bindV6 = probe.bindAddress?.includes(':');
    if (probe.bindAddress && ((targetV6 && !bindV6) || (targetV4 && bindV6))) {
      ctx.addIssue({ code: 'custom', path: ['bindAddress'], message: 'must be of the same IP family (IPv4/IPv6) as the target' });
    }
  });
export type ProbeConfig = z.infer<typeof ProbeConfig>;

const common = {
  id: Slug,
  name: z.string().min(1).max(64),
  /**
   * A value not refreshed for this long is shown as stale, and the link as unknown.
   * Default: 10 s, or three poll intervals if that is longer. At least two intervals.
   */
  staleAfterMs: z.number().int().min(1000).max(3_600_000).optional(),
  /** Usable capacity for the link policy, kbit/s; default estimated from kind and signal. */
  capacityKbps: z.number().min(0).max(10_000_000).optional(),
  probe: ProbeConfig.optional(),
};

export const CellularLinkConfig = z
  .object({
    ...common,
    kind: z.literal('cellular'),
    /** AT-command modem over a serial port (3GPP 27.007 + Quectel `+QENG`). */
    driver: z.literal('at-cellular').default('at-cellular'),
    /** Serial port of the modem's AT interface, e.g. `/dev/ttyUSB2` or `COM5`. */
    port: SerialPath,
    baudRate: Baud.default(115200),
    /** How often signal and registration are polled. Default 1000 ms. */
    pollIntervalMs: z.number().int().min(200).max(60_000).default(1000),
    /** How long one AT command may take before it counts as unanswered. Default 2000 ms. */
    commandTimeoutMs: z.number().int().min(100).max(120_000).default(2000),
    /** Metered links carry bulk traffic only when the operator allows it. Default true. */
    metered: z.boolean().default(true),
    /** How to read Quectel's LTE SINR field; firmware differs (see docs/devices.md). Default auto. */
    lteSinrFormula: LteSinrFormula.default('auto'),
  })
  .strict();
export type CellularLinkConfig = z.infer<typeof CellularLinkConfig>;

/**
 * When an MO message whose session failed is tried again (RockBLOCK's "adaptive retry":
 * a random wait of 0–5 s twice, 0–30 s twice, then every 5 minutes). A status the
 * transceiver calls permanent (12, 14, 15, 16) is never retried; see docs/devices.md.
 */
export const SbdMoRetryConfig = z
  .object({
    /** Upper bounds of the random waits (0..bound ms) before the first retries, in order. Default [5000, 5000, 30000, 30000]. */
    randomMaxMs: z.array(z.number().int().min(0).max(3_600_000)).max(20).default([5000, 5000, 30_000, 30_000]),
    /** After those, each further retry waits this long. Default 300 000 ms (5 min). */
    thenEveryMs: z.number().int().min(10).max(86_400_000).default(300_000),
  })
  .strict();
export type SbdMoRetryConfig = z.infer<typeof SbdMoRetryConfig>;
export type SbdMoRetryInput = z.input<typeof SbdMoRetryConfig>;

export const SbdLinkConfig = z
  .object({
    ...common,
    kind: z.literal('satellite-sbd'),
    /** Iridium 9602/9603 (or RockBLOCK) over serial, 19200 8N1. */
    driver: z.literal('iridium-sbd').default('iridium-sbd'),
    port: SerialPath,
    baudRate: Baud.default(19200),
    /** How often `+CSQF` is read (signal also arrives as `+CIEV`). Default 10 000 ms. */
    pollIntervalMs: z.number().int().min(1000).max(600_000).default(10_000),
    commandTimeoutMs: z.number().int().min(100).max(120_000).default(2000),
    /** Run an SBD session to check the mailbox this often; 0 = only on SBDRING. Sessions cost money. */
    mailboxCheckIntervalMs: z.number().int().min(0).max(86_400_000).default(0),
    metered: z.boolean().default(true),
    /** Retry schedule of binary MO messages whose session failed. */
    moRetry: SbdMoRetryConfig.default({ randomMaxMs: [5000, 5000, 30_000, 30_000], thenEveryMs: 300_000 }),
    /** Ask `AT-MSSTM` before every session and run none without network time (Iridium's 2013 advice). Default true. */
    checkNetworkTime: z.boolean().default(true),
  })
  .strict();
export type SbdLinkConfig = z.infer<typeof SbdLinkConfig>;

const hfCommon = {
  ...common,
  kind: z.literal('hf'),
  /** Default 1000 ms. */
  pollIntervalMs: z.number().int().min(200).max(60_000).default(1000),
  commandTimeoutMs: z.number().int().min(100).max(60_000).default(2000),
  /** Data rate of an attached HF data modem, kbit/s; 0 = voice only. */
  dataKbps: z.number().min(0).max(100).default(0),
  metered: z.boolean().default(false),
};

export const RigctldLinkConfig = z
  .object({
    ...hfCommon,
    /** Hamlib's rigctld over TCP. */
    driver: z.literal('rigctld'),
    host: Host.default('127.0.0.1'),
    port: TcpPort.default(4532),
    /** rigctld answer form: extended (`+\\get_freq`, with RPRT) or default. Default extended. */
    protocol: z.enum(['extended', 'default']).default('extended'),
  })
  .strict();
export type RigctldLinkConfig = z.infer<typeof RigctldLinkConfig>;

export const CivLinkConfig = z
  .object({
    ...hfCommon,
    /** Icom CI-V over serial/USB, for radios without rigctld. */
    driver: z.literal('icom-civ'),
    port: SerialPath,
    baudRate: Baud.default(19200),
    /** The radio's CI-V address (IC-7300 0x94, IC-705 0xA4, IC-7610 0x98). Default 0x94. */
    civAddress: z.number().int().min(0).max(0xef).default(0x94),
    /** Our address on the bus. Default 0xE0. */
    controllerAddress: z.number().int().min(0).max(0xef).default(0xe0),
  })
  .strict();
export type CivLinkConfig = z.infer<typeof CivLinkConfig>;

export const HfLinkConfig = z.discriminatedUnion('driver', [RigctldLinkConfig, CivLinkConfig]);
export type HfLinkConfig = z.infer<typeof HfLinkConfig>;

const gnssCommon = {
  ...common,
  kind: z.literal('gnss'),
  /** A track point is stored at most this often (and on a fix change). Default 5000 ms. */
  trackIntervalMs: z.number().int().min(1000).max(3_600_000).default(5000),
  metered: z.boolean().default(false),
};

export const NmeaGnssConfig = z
  .object({
    ...gnssCommon,
    /** NMEA 0183 sentences over serial. */
    driver: z.literal('nmea'),
    port: SerialPath,
    baudRate: Baud.default(9600),
  })
  .strict();
export type NmeaGnssConfig = z.infer<typeof NmeaGnssConfig>;

export const GpsdGnssConfig = z
  .object({
    ...gnssCommon,
    /** gpsd's JSON protocol over TCP. */
    driver: z.literal('gpsd'),
    host: Host.default('127.0.0.1'),
    port: TcpPort.default(2947),
    /** Only this gpsd device (e.g. `/dev/ttyACM0`); default: every device gpsd has. */
    device: z.string().min(1).max(256).optional(),
  })
  .strict();
export type GpsdGnssConfig = z.infer<typeof GpsdGnssConfig>;

export const GnssLinkConfig = z.discriminatedUnion('driver', [NmeaGnssConfig, GpsdGnssConfig]);
export type GnssLinkConfig = z.infer<typeof GnssLinkConfig>;

/** A link known only by its path: IP satellite terminal, wired, Wi-Fi. */
export const IpLinkConfig = z
  .object({
    ...common,
    kind: z.enum(['satellite-ip', 'wired', 'wifi']),
    driver: z.literal('ip-probe').default('ip-probe'),
    probe: ProbeConfig,
    /** Default: true for satellite-ip, false otherwise. */
    metered: z.boolean().optional(),
  })
  .strict();
export type IpLinkConfig = z.infer<typeof IpLinkConfig>;

export const LinkConfig = z.discriminatedUnion('kind', [CellularLinkConfig, SbdLinkConfig, HfLinkConfig, GnssLinkConfig, IpLinkConfig]);
export type LinkConfig = z.infer<typeof LinkConfig>;

/** Link ids of the simulated demo vehicle; configured links may not use it. */
export const DEMO_LINK_PREFIX = 'demo-';

/** The interval at which a link's values are refreshed: its poll, else its probe. */
export function refreshIntervalMs(link: LinkConfig): number {
  if ('pollIntervalMs' in link) return link.pollIntervalMs;
  if (link.kind === 'gnss') return 1000;
  return link.probe.intervalMs;
}

/** The stale limit a link uses: its own, or 10 s / three refresh intervals, whichever is longer. */
export function staleAfterMs(link: LinkConfig): number {
  return link.staleAfterMs ?? Math.max(10_000, 3 * refreshIntervalMs(link));
}
