import type { ApiErrorCode } from '../../../protocol/api/errors';
import type { MapFileProblem } from '../../../protocol/api/mapProblems';
import type { SyncProblemCode } from '../../../protocol/api/syncProblems';
import type { MediaStateCode } from '../../../protocol/sync/mediaState';

/**
 * English texts of every error code the UI can show (the compiler checks each catalog is
 * complete): the console API's codes and the codes of the sync path — the center's
 * catalog, its refusals of single items, and this side's own failures.
 */
export const errorsEn = {
  unexpected: 'Something went wrong',
  api: {
    BAD_REQUEST: 'The console refused the request as malformed',
    UNKNOWN_METHOD: 'This console does not know that request (another version?)',
    NOT_FOUND: 'Not found',
    CONFLICT: 'Not possible in its current state',
    FORBIDDEN: 'Not allowed',
    STORE_UNAVAILABLE: "The console's database cannot be used",
    UNAVAILABLE: 'Not available right now',
    INTERNAL: 'The console hit an internal error',
  } satisfies Record<ApiErrorCode, string>,
  center: {
    malformed: 'The center could not read it',
    'beyond-length': 'More data was sent than announced',
    unauthorized: 'The center did not accept the token',
    forbidden: 'The center does not allow this',
    'vehicle-not-in-your-groups': 'This vehicle is not in your vehicle groups; ask a center admin for access',
    'not-found': 'The center does not have it',
    'unknown-vehicle': 'The center does not know this vehicle',
    'unknown-order': 'The center has no such order',
    'unknown-incident': 'The center has no such incident, or it is not one you may see',
    'unknown-report': 'The center has no such report, or it is not one you may see',
    'incident-without-vehicle': 'No vehicle reports on this incident yet; send an order about it instead',
    'deadline-past': 'The deadline has already passed: choose a later time',
    'method-not-allowed': 'The center does not offer this',
    conflict: 'It conflicts with what the center already holds',
    'offset-mismatch': 'The center holds another part of the file; resuming from there',
    'vehicle-revoked': "This vehicle's access was revoked at the center",
    'down-mismatch': "The center's orders were renumbered (restored from a backup?); fetching them again",
    'too-slow': 'The request reached the center too slowly — retrying',
    'too-large': 'Too large for the center',
    'unsupported-media-type': 'The center does not take this format',
    'checksum-mismatch': 'The file arrived damaged; sending it again',
    internal: 'The center hit an internal error',
    'media-unavailable': 'The center runs no live video',
    'store-full': "The center's storage is full",
    'unknown-kind': 'The center does not know this kind of item (a newer console?)',
    'stale-version': 'In an old format the center no longer takes',
    'seq-taken': 'The center holds another item under this number; renumbering',
    'upload-incomplete': 'Waiting for its file to finish uploading',
    unreachable: 'Cannot reach the center',
    timeout: 'The center did not answer in time',
    stalled: 'The link stalled',
    cancelled: 'Stopped for something more urgent',
    'bad-answer': 'The answer did not come from the center (a proxy or a sign-in page?)',
    'local-file': 'The file is missing or unreadable on this console',
    unencodable: 'This item cannot be encoded for sending',
    store: "This console's database failed",
    unexpected: 'An unexpected error in this console',
  } satisfies Record<
    SyncProblemCode,
    string
  > /** Why a map file cannot be a base layer (the core's reason, with the file's own values, is the detail). */,
  map: {
    'not-mbtiles-name': 'Only .mbtiles files can be imported',
    'not-sqlite': 'Not an MBTiles file (not even an SQLite database)',
    'not-mbtiles': 'An SQLite database, but not MBTiles (no metadata and tiles tables)',
    damaged: 'The file is damaged or cut short: copy it again from its source',
    'cannot-open': 'The file cannot be opened (missing, or no permission to read it)',
    'bad-bounds': "The file's bounds are not valid west, south, east, north degrees",
    'bad-zoom': "The file's zoom levels are not valid (0–30, min not above max)",
    'no-format': 'The metadata names no tile format (MBTiles 1.3 requires one)',
    'not-raster': 'Only raster tiles (png, jpg, webp) can be a base layer; this file has vector or other tiles',
    'no-tiles': 'The file holds no tiles',
    'tile-format-mismatch': 'Its tiles are not in the image format its metadata says',
    'incomplete-copy': 'The copy is not complete: import the file again',
    unreadable: 'The file cannot be read as MBTiles',
  } satisfies Record<MapFileProblem, string>,
  /** Whether the center runs live video, and why (the center's own line is the detail). */
  media: {
    configured: 'Live video on',
    'loopback-defaults': 'Live video on (defaults: the center serves this machine only)',
    'stand-in': 'Live video on (test stand-in)',
    'not-configured': 'Live video off: the center has no "media" block in its configuration',
    'mediasoup-missing': 'Live video off: mediasoup is not installed at the center',
    'start-failed': "Live video off: the center's media server did not start (see the center's log)",
  } satisfies Record<MediaStateCode, string>,
};
