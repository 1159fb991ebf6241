import { z } from 'zod';

/**
 * Base layers (offline tile sets kept as MBTiles files) as the console's UI and the desk
 * see them, and the console's `maps.*` methods. The contract between the core and the map
 * UI: docs/maps.md.
 */

/** A base layer's id: its file's stem, `<id>.mbtiles`. */
export const MapLayerId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_-]+$/, 'a layer id is lower-case letters, digits, "_" and "-"');
export type MapLayerId = z.infer<typeof MapLayerId>;

export const TileFormat = z.enum(['png', 'jpg', 'webp']);
export type TileFormat = z.infer<typeof TileFormat>;

/** WGS-84 (GNSS, most tile sets) or GCJ-02 (Chinese commercial tiles): overlays are shifted onto a GCJ-02 layer. */
export const MapCrs = z.enum(['wgs84', 'gcj02']);
export type MapCrs = z.infer<typeof MapCrs>;

/** [west, south, east, north] in degrees. */
export const LayerBounds = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type LayerBounds = z.infer<typeof LayerBounds>;

export const BaseLayerView = z.object({
  id: MapLayerId,
  name: z.string(),
  format: TileFormat,
  bounds: LayerBounds.nullable(),
  minzoom: z.number().int().min(0).max(30),
  maxzoom: z.number().int().min(0).max(30),
  crs: MapCrs,
  /** XYZ template relative to the page, e.g. `/tiles/<id>/{z}/{x}/{y}`. */
  tileUrl: z.string(),
  attribution: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative(),
});
export type BaseLayerView = z.infer<typeof BaseLayerView>;

/** Largest import chunk (base64 characters): ~675 KB of file. */
export const MAX_MAP_CHUNK_BASE64 = 900_000;
/** Largest MBTiles file an import takes (64 GiB). */
export const MAX_MAP_FILE_BYTES = 64 * 1024 ** 3;

const ImportId = z.string().min(1).max(64);

export const MapImportStart = z
  .object({
    /** The picked file's name (shown in errors; its stem becomes the layer id). */
    name: z.string().trim().min(1).max(255),
    size: z.number().int().min(1).max(MAX_MAP_FILE_BYTES),
  })
  .strict();

export const MapImportAppend = z
  .object({
    id: ImportId,
    /** 0, 1, 2, … in file order; a repeat is taken once. */
    seq: z.number().int().min(0).max(100_000_000),
    data: z
      .string()
      .min(1)
      .max(MAX_MAP_CHUNK_BASE64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64'),
  })
  .strict();

export const mapsMethods = {
  /** The base layers in `<dataDir>/maps/`, by name. */
  'maps.layers': { params: z.object({}).strict(), result: z.array(BaseLayerView) },
  /** Starts copying a picked `.mbtiles` file into the data directory; CONFLICT when a layer of that id exists. */
  'maps.import.start': { params: MapImportStart, result: z.object({ id: ImportId }) },
  /** A chunk in order; answers the bytes received so far (the progress bar: bytes / size). */
  'maps.import.append': { params: MapImportAppend, result: z.object({ bytes: z.number().int() }) },
  /** Checks the copy (format, bounds, zooms, a sample of tiles) and lists it; BAD_REQUEST naming the file and the reason otherwise, nothing kept. */
  'maps.import.finish': { params: z.object({ id: ImportId, crs: MapCrs.optional() }).strict(), result: BaseLayerView },
  /** Drops an import in progress and its partial copy. */
  'maps.import.cancel': { params: z.object({ id: ImportId }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /** Deletes a base layer's file. */
  'maps.remove': { params: z.object({ id: MapLayerId }).strict(), result: z.array(BaseLayerView) },
  /** Marks a layer WGS-84 or GCJ-02. */
  'maps.setCrs': { params: z.object({ id: MapLayerId, crs: MapCrs }).strict(), result: BaseLayerView },
} as const;

export const mapsEvents = {
  /** The whole list of base layers, whenever one is added, removed or re-marked. */
  'maps.changed': z.array(BaseLayerView),
} as const;
