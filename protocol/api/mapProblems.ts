import { z } from 'zod';

/**
 * Why an MBTiles file cannot be a base layer, as a code the UI translates (`errors.map.<code>`);
 * the core's English reason (with the file's own values: its bounds, its zooms) is detail.
 */
export const MapFileProblem = z.enum([
  /** Not named `.mbtiles`. */
  'not-mbtiles-name',
  /** Not an SQLite database at all. */
  'not-sqlite',
  /** An SQLite database without MBTiles' tables, or with broken ones. */
  'not-mbtiles',
  /** Damaged or cut short. */
  'damaged',
  /** Missing, or no permission to read it. */
  'cannot-open',
  /** Bounds that are not four numbers, outside the world, or empty. */
  'bad-bounds',
  /** A zoom that is not 0–30, minzoom above maxzoom, or a tile outside the zoom range. */
  'bad-zoom',
  /** No `format` in the metadata. */
  'no-format',
  /** Vector or other non-raster tiles. */
  'not-raster',
  /** No tiles. */
  'no-tiles',
  /** A tile that is not the image format the metadata says. */
  'tile-format-mismatch',
  /** An import finished before all its bytes arrived. */
  'incomplete-copy',
  /** Anything else SQLite said. */
  'unreadable',
]);
export type MapFileProblem = z.infer<typeof MapFileProblem>;
