/** One probe's outcome. */
export interface ProbeResult {
  /** Probe number, from 1. */
  seq: number;
  /** When it was sent (epoch ms). */
  at: number;
  ok: boolean;
  /** Round-trip (UDP echo) or connect time (TCP), ms; set when ok. */
  rttMs?: number;
  /** Why it failed: timeout, or the socket's error. */
  error?: string;
}

export interface ProbeTarget {
  host: string;
  port: number;
}

/** Parses `host:port` or `[v6]:port`; throws TypeError naming the bad value. */
export function parseProbeTarget(target: string): ProbeTarget {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(target);
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65535) throw new TypeError(`probe target must be host:port, got ${JSON.stringify(target)}`);
  return { host: match[1] ?? match[2]!, port };
}
