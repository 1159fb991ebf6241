import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MapCrs, MapLayerId, type BaseLayerView } from '../../protocol/api/maps';
import { MapFileError } from './MapFileError';
import { MbtilesReader } from './MbtilesReader';

/** Extension of base layer files; the stem is the layer id. */
export const MBTILES_EXT = '.mbtiles';
/** Per-layer choices that are not in the file (its CRS), beside the files. */
const SIDECAR = 'layers.json';
const Sidecar = z.record(z.string(), z.object({ crs: MapCrs }).partial());

export interface LayerDirectoryOptions {
  dir: string;
  /** The XYZ URL template of a layer for this host's UI (`/tiles/<id>/{z}/{x}/{y}`). */
  tileUrl: (id: string) => string;
  /** A file that cannot be a layer (it stays on disk, unlisted). */
  onBadFile?: (error: MapFileError) => void;
}

/**
 * The base layers of a folder of MBTiles files: each file opened once and kept open, the
 * CRS marks in a small sidecar JSON. Shared by the console core and the center; files that
 * cannot be read are reported and left out, never fatal.
 */
export class LayerDirectory {
  readonly dir: string;
  readonly #tileUrl: (id: string) => string;
  readonly #onBadFile: (error: MapFileError) => void;
  readonly #readers = new Map<string, MbtilesReader>();
  #crs: z.infer<typeof Sidecar> = {};

  constructor(options: LayerDirectoryOptions) {
    this.dir = options.dir;
    this.#tileUrl = options.tileUrl;
    this.#onBadFile = options.onBadFile ?? (() => undefined);
    mkdirSync(this.dir, { recursive: true });
    this.rescan();
  }

  /** Opens files added since the last scan and closes those gone. */
  rescan(): void {
    this.#crs = this.#readSidecar();
    const present = new Set<string>();
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith(MBTILES_EXT)) continue;
      const id = name.slice(0, -MBTILES_EXT.length);
      if (!MapLayerId.safeParse(id).success) continue;
      present.add(id);
      if (this.#readers.has(id)) continue;
      try {
        this.#readers.set(id, MbtilesReader.open(join(this.dir, name)));
      } catch (error) {
        if (error instanceof MapFileError) this.#onBadFile(error);
        else throw error;
      }
    }
    for (const [id, reader] of this.#readers) {
      if (present.has(id)) continue;
      reader.close();
      this.#readers.delete(id);
    }
  }

  fileOf(id: string): string {
    return join(this.dir, `${id}${MBTILES_EXT}`);
  }

  reader(id: string): MbtilesReader | undefined {
    return this.#readers.get(id);
  }

  has(id: string): boolean {
    return this.#readers.has(id);
  }

  /** Takes a checked reader of a file already in the folder. */
  adopt(id: string, reader: MbtilesReader): void {
    this.#readers.get(id)?.close();
    this.#readers.set(id, reader);
  }

  /** Closes a layer's reader and forgets its marks (the caller deletes the file). */
  drop(id: string): void {
    this.#readers.get(id)?.close();
    this.#readers.delete(id);
    if (this.#crs[id]) {
      delete this.#crs[id];
      this.#writeSidecar();
    }
  }

  setCrs(id: string, crs: MapCrs): void {
    this.#crs[id] = { ...this.#crs[id], crs };
    this.#writeSidecar();
  }

  view(id: string): BaseLayerView | undefined {
    const reader = this.#readers.get(id);
    if (!reader) return undefined;
    const { name, format, bounds, minzoom, maxzoom, attribution } = reader.metadata;
    return {
      id,
      name,
      format,
      bounds,
      minzoom,
      maxzoom,
      crs: this.#crs[id]?.crs ?? 'wgs84',
      tileUrl: this.#tileUrl(id),
      attribution,
      sizeBytes: reader.sizeBytes,
    };
  }

  /** Every readable layer, by name. */
  list(): BaseLayerView[] {
    return [...this.#readers.keys()].map((id) => this.view(id)!).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  close(): void {
    for (const reader of this.#readers.values()) reader.close();
    this.#readers.clear();
  }

  #readSidecar(): z.infer<typeof Sidecar> {
    try {
      const parsed = Sidecar.safeParse(JSON.parse(readFileSync(join(this.dir, SIDECAR), 'utf8')));
      return parsed.success ? parsed.data : {};
    } catch {
      // No marks yet (or a hand-edited file that is not JSON): every layer is WGS-84.
      return {};
    }
  }

  #writeSidecar(): void {
    const temp = join(this.dir, `${SIDECAR}.tmp`);
    writeFileSync(temp, `${JSON.stringify(this.#crs, null, 2)}\n`);
    renameSync(temp, join(this.dir, SIDECAR));
  }
}
