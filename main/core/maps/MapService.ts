import { renameSync, rmSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { MapFileProblem } from '../../../protocol/api/mapProblems';
import type { BaseLayerView, MapCrs } from '../../../protocol/api/maps';
import { LayerDirectory } from '../../../platform/maps/LayerDirectory';
import { MapFileError } from '../../../platform/maps/MapFileError';
import { MbtilesReader } from '../../../platform/maps/MbtilesReader';
import { tileResponse, type TileAnswer } from '../../../platform/maps/tileResponse';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import { createLogger } from '../../../platform/log/logger';
import { NotFoundError } from '../ops/MessageService';
import { ConflictError } from '../ops/orderSteps';
import { storeError } from '../store/StoreError';
import { MapImports } from './MapImports';

const log = createLogger('maps');

/** Where the UI finds a layer's tiles: the same relative path in the headless host and in Electron's app://mcv. */
export const TILE_PATH_PREFIX = '/tiles/';
export const consoleTileUrl = (id: string) => `${TILE_PATH_PREFIX}${id}/{z}/{x}/{y}`;

/** A file that is not a usable MBTiles (answered BAD_REQUEST, with the reason's code and the file's name). */
export class MapImportError extends Error {
  readonly problem: MapFileProblem;

  constructor(problem: MapFileProblem, message: string) {
    super(message);
    this.name = 'MapImportError';
    this.problem = problem;
  }
}

/** A layer id from a picked file's name: lower-case, safe characters, at most 64. */
export function layerIdFor(fileName: string): string {
  const stem = basename(fileName, extname(fileName))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return stem || 'layer';
}

/**
 * The console's base layers: the MBTiles files in `<dataDir>/maps/`, imports of picked
 * files (copied in chunks, checked, renamed in atomically), removal and CRS marks; the
 * tiles for every host through `tile()`. Emits `changed` with the list.
 */
export class MapService extends SafeEmitter<{ changed: [layers: BaseLayerView[]] }> {
  readonly layers: LayerDirectory;
  readonly #imports: MapImports;
  /** Layer ids being imported now, so two imports of one name cannot race. */
  readonly #pending = new Map<string, string>();

  constructor(options: { dir: string }) {
    super();
    this.layers = new LayerDirectory({
      dir: options.dir,
      tileUrl: consoleTileUrl,
      onBadFile: (error) => log.warn(`${error.message}; it is not listed`),
    });
    this.#imports = new MapImports(options.dir);
  }

  list(): BaseLayerView[] {
    return this.layers.list();
  }

  /** A tile for any host; `rest` is `<id>/<z>/<x>/<y>`. */
  tile(rest: string, ifNoneMatch?: string): TileAnswer {
    return tileResponse(this.layers, rest, ifNoneMatch);
  }

  startImport(name: string, size: number): { id: string } {
    if (extname(name).toLowerCase() !== '.mbtiles')
      throw new MapImportError('not-mbtiles-name', `${basename(name)}: only .mbtiles files can be imported`);
    const layerId = layerIdFor(name);
    if (this.layers.has(layerId) || [...this.#pending.values()].includes(layerId)) {
      throw new ConflictError(`${basename(name)}: a base layer "${layerId}" exists already; remove it first or rename the file`);
    }
    const open = this.#imports.start(name, size);
    this.#pending.set(open.id, layerId);
    return { id: open.id };
  }

  append(id: string, seq: number, data: Buffer): { bytes: number } {
    return this.#imports.append(id, seq, data);
  }

  /** Checks the copy and moves it into the maps folder; on any failure nothing is kept. */
  finishImport(id: string, crs: MapCrs | undefined): BaseLayerView {
    const layerId = this.#pending.get(id);
    const open = this.#imports.get(id);
    if (open.bytes !== open.size) {
      throw new MapImportError('incomplete-copy', `${open.name}: ${open.bytes} of ${open.size} bytes arrived; send the rest or cancel`);
    }
    this.#imports.close(id);
    this.#pending.delete(id);
    let reader: MbtilesReader | undefined;
    try {
      reader = MbtilesReader.open(open.path);
      reader.checkSample();
      reader.close();
      const target = this.layers.fileOf(layerId!);
      renameSync(open.path, target);
      this.layers.adopt(layerId!, MbtilesReader.open(target));
    } catch (error) {
      reader?.close();
      rmSync(open.path, { force: true });
      if (error instanceof MapFileError) throw new MapImportError(error.problem, `${open.name}: ${error.reason}`);
      throw storeError(error, open.path);
    }
    if (crs) this.layers.setCrs(layerId!, crs);
    log.info(`base layer "${layerId}" imported from ${open.name} (${open.size} bytes)`);
    this.#changed();
    return this.layers.view(layerId!)!;
  }

  cancelImport(id: string): { cancelled: boolean } {
    this.#pending.delete(id);
    return { cancelled: this.#imports.cancel(id) };
  }

  remove(id: string): BaseLayerView[] {
    if (!this.layers.has(id)) throw new NotFoundError(`no base layer "${id}"`);
    this.layers.drop(id);
    rmSync(this.layers.fileOf(id), { force: true });
    log.info(`base layer "${id}" removed`);
    this.#changed();
    return this.list();
  }

  setCrs(id: string, crs: MapCrs): BaseLayerView {
    if (!this.layers.has(id)) throw new NotFoundError(`no base layer "${id}"`);
    this.layers.setCrs(id, crs);
    this.#changed();
    return this.layers.view(id)!;
  }

  close(): void {
    this.#imports.closeAll();
    this.layers.close();
  }

  #changed(): void {
    this.safeEmit('changed', this.list());
  }
}
