import { basename } from 'node:path';
import type { MapFileProblem } from '../../protocol/api/mapProblems';
import { OperatorError } from '../OperatorError';

/**
 * An MBTiles file that cannot serve as a base layer: damaged, not MBTiles, an unsupported
 * tile format, bad metadata. The message names the file and says why, for the operator.
 */
export class MapFileError extends OperatorError {
  /** The file concerned. */
  readonly file: string;
  /** Why, as a code the UI translates. */
  readonly problem: MapFileProblem;
  /** Why, without the file name (for an API answer that names the file itself). */
  readonly reason: string;

  constructor(file: string, problem: MapFileProblem, reason: string, cause?: unknown) {
    super(`Map file ${basename(file)}: ${reason}`, { cause });
    this.file = file;
    this.problem = problem;
    this.reason = reason;
  }
}
