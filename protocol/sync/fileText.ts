import { z } from 'zod';

/** Any C0 control character or DEL: they have no place in a name or a type, and in a header or a log line they forge lines. */
const hasControl = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** A file's name as a person gave it (any script), without control characters. */
export const FileName = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !hasControl(name), 'a file name may not hold control characters');

/** A MIME type, `type/subtype` with optional parameters, in printable ASCII (`video/webm;codecs="vp8,opus"`). */
export const MimeType = z
  .string()
  .min(3)
  .max(100)
  .regex(/^[\x21-\x7e]+\/[\x20-\x7e]+$/, 'expected a MIME type (type/subtype) in printable ASCII');
