import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeIssues } from '../../protocol/common';
import { OperatorError } from '../OperatorError';

/** A configuration that cannot be used; the message names the file (when there is one) and the bad key. */
export class ConfigError extends OperatorError {
  readonly file: string | undefined;

  constructor(file: string | undefined, message: string) {
    super(file === undefined ? message : `Config file ${file}: ${message}`);
    this.file = file;
  }
}

/** Reads a JSON config file and checks it against `schema`; every failure is a ConfigError naming the file and key (`links[0].port: …`). */
export function readJsonConfigFile<T>(file: string, schema: z.ZodType<T>): T {
  return checkConfig(file, readJsonFile(file), schema);
}

/** Reads a JSON file without checking its shape (a UTF-8 byte-order mark is skipped); unreadable or malformed: ConfigError naming the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // Windows editors (Notepad) save UTF-8 with a byte-order mark; JSON.parse refuses it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(file, `not valid JSON (${(error as Error).message})`);
  }
}

/** Checks parsed JSON against `schema`; a failure is a ConfigError naming the file and key. */
export function checkConfig<T>(file: string | undefined, json: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error));
  return parsed.data;
}
