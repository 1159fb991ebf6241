/**
 * The GNSS parsers against the field's libraries, on real data (bench:parsers).
 *
 * Every contender gets the same bytes, fed in the same 4 KiB chunks, and does the same
 * work per line at the least: frame it and turn it into an object.
 * - NMEA: the real receiver logs of `fixtures/gnss-logs/` (four makes, 1 000-odd lines,
 *   repeated to the run's length). Ours is `NmeaDecoder` (framing, checksum, sentence
 *   objects, epoch assembly and one reading per epoch: more work than the peers do). The
 *   peers frame with our `LineSplitter` and parse each line: `nmea-simple`
 *   (`parseUnsafeNmeaSentence`, an object per sentence, unknown types as a stub; it throws
 *   on a bad checksum, caught), `gps` (`GPS.Parse`, an object per sentence) and `gps`
 *   (`update`, an object per sentence merged into its receiver state, the closest to ours).
 * - gpsd: what real gpsd 3.22 sent for the u-blox log (`*.gpsd-3.22.jsonl`). Ours is
 *   `GpsdDecoder`; the peer is our `LineSplitter` plus plain `JSON.parse` plus the same zod
 *   schema (`GPSD_SCHEMAS[class].safeParse`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import GPS from 'gps';
import { parseUnsafeNmeaSentence } from 'nmea-simple';
import { GPSD_SCHEMAS } from '../protocol/devices/gpsd';
import { LineSplitter } from '../native/framing/LineSplitter';
import { GpsdDecoder } from '../native/gnss/GpsdDecoder';
import { NmeaDecoder } from '../native/gnss/NmeaDecoder';

const LOGS = fileURLToPath(new URL('../fixtures/gnss-logs/', import.meta.url));
const NMEA_LOGS = ['ublox-neo-m9n-nmea.nmea', 'sirfstarv-nmea.nmea', 'gpslim236.nmea', 'garmin-geko201.nmea'];
const GPSD_LOG = 'ublox-neo-m9n-nmea.gpsd-3.22.jsonl';
const CHUNK = 4096;

/** One way of turning the bytes into objects; returns the lines it handled. */
export interface Contender {
  name: string;
  run(bytes: Buffer): number;
}

export interface PeerCase {
  name: string;
  bytes: Buffer;
  /** Lines in `bytes`; every contender must handle exactly these. */
  lines: number;
  ours: Contender;
  peers: Contender[];
}

/** The data lines of real logs (headers `#…` dropped), repeated to `count` lines, CRLF-terminated. */
function realLines(files: string[], count: number): { bytes: Buffer; lines: number } {
  const lines = files.flatMap((f) =>
    readFileSync(LOGS + f, 'latin1')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  const text = Array.from({ length: count }, (_, i) => lines[i % lines.length]).join('\r\n') + '\r\n';
  return { bytes: Buffer.from(text, 'latin1'), lines: count };
}

/** Our framing, then `parse` on each line: what a peer library does after splitting. */
function splitThen(name: string, parse: (line: string) => unknown): Contender {
  return {
    name,
    run(bytes) {
      const splitter = new LineSplitter({ maxLineLength: 10_240 });
      let n = 0;
      let sink: unknown;
      splitter.on('data', (line: string) => {
        sink = parse(line);
        n++;
      });
      for (let i = 0; i < bytes.length; i += CHUNK) splitter.write(bytes.subarray(i, i + CHUNK));
      splitter.end();
      if (sink === Symbol.for('never')) n = -1; // keeps the result alive
      return n;
    },
  };
}

export function nmeaPeerCase(count: number): PeerCase {
  const { bytes, lines } = realLines(NMEA_LOGS, count);
  const ours: Contender = {
    name: 'ours (NmeaDecoder → readings)',
    run(b) {
      let sentences = 0;
      const decoder = new NmeaDecoder({ onReading: () => {}, onSentence: () => void sentences++ });
      for (let i = 0; i < b.length; i += CHUNK) decoder.write(b.subarray(i, i + CHUNK));
      decoder.flush();
      // Every line is either a sentence or a dropped (counted) one.
      return sentences + decoder.badSentences;
    },
  };
  const stateful = new GPS();
  return {
    name: 'NMEA 0183 (real logs)',
    bytes,
    lines,
    ours,
    peers: [
      splitThen('nmea-simple 3.3.0', (line) => {
        try {
          return parseUnsafeNmeaSentence(line);
        } catch {
          return undefined;
        }
      }),
      splitThen('gps 0.9.0 (Parse)', (line) => GPS.Parse(line)),
      splitThen('gps 0.9.0 (update + state)', (line) => stateful.update(line)),
    ],
  };
}

export function gpsdPeerCase(count: number): PeerCase {
  const { bytes, lines } = realLines([GPSD_LOG], count);
  return {
    name: 'gpsd JSON (real gpsd 3.22)',
    bytes,
    lines,
    ours: {
      name: 'ours (GpsdDecoder)',
      run(b) {
        let n = 0;
        const decoder = new GpsdDecoder({ onMessage: () => void n++ });
        for (let i = 0; i < b.length; i += CHUNK) decoder.write(b.subarray(i, i + CHUNK));
        return n + decoder.badLines;
      },
    },
    peers: [
      splitThen('JSON.parse + the same zod schema', (line) => {
        const value = JSON.parse(line) as { class: string };
        const schema = GPSD_SCHEMAS[value.class as keyof typeof GPSD_SCHEMAS];
        return schema ? schema.safeParse(value) : value;
      }),
    ],
  };
}
