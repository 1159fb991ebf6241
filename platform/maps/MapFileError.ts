import { basename } from 'node:path';
import { OperatorError } from '../OperatorError';

/**
 * An MBTiles file that cannot serve as a base layer: damaged, not MBTiles, an unsupported
 * tile format, bad metadata. The message names the file and says why, for the operator.
 */
export class MapFileError extends OperatorError {
  /** The file concerned. */
  readonly file: string;
  /** Why, without the file name (for an API answer that names the file itself). */
  readonly reason: string;

  constructor(file: string, reason: string, cause?: unknown) {
    super(`Map file ${basename(file)}: ${reason}`, { cause });
    this.file = file;
    this.reason = reason;
  }
}
