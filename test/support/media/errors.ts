/** The stand-in's errors, named as mediasoup names them (`node/src/errors.ts`). */

export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}
