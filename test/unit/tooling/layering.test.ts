import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints `code` as if it were the file at `filePath` and returns the layering messages. */
async function layering(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'mcv/layering').map((m) => m.message);
}

describe('the import-rule check (mcv/layering)', () => {
  it('fails when native/ imports from main/', async () => {
    const messages = await layering('native/probe.ts', "import { createCore } from '../main/core/createCore';\nexport const x = createCore;\n");
    expect(messages).toEqual([expect.stringMatching(/Bad layering: native may not import main\/core/)]);
  });

  it('fails when protocol/ imports anything of ours or a Node built-in', async () => {
    expect(await layering('protocol/probe.ts', "import { SafeEmitter } from '../native/util/SafeEmitter';\nexport const x = SafeEmitter;\n")).toHaveLength(1);
    expect(await layering('protocol/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
  });

  it('fails when the renderer reaches into main/ or Node', async () => {
    expect(await layering('renderer/probe.ts', "import { Store } from '../main/core/store/Store';\nexport const x = Store;\n")).toHaveLength(1);
    expect(await layering('renderer/probe.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
  });

  it('keeps electron in main/app and better-sqlite3 in main/core/store', async () => {
    expect(await layering('main/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([expect.stringMatching(/may not use the package "electron"/)]);
    expect(await layering('main/core/links/probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([expect.stringMatching(/only be used under main\/core\/store/)]);
    expect(await layering('main/core/store/probe.ts', "import Database from 'better-sqlite3';\nexport const x = Database;\n")).toEqual([]);
  });

  it('fails for a file that belongs to no layer', async () => {
    expect(await layering('misc/probe.ts', 'export const x = 1;\n')).toEqual([expect.stringMatching(/is in no layer/)]);
  });

  it('allows the arrows of the architecture', async () => {
    expect(await layering('main/serve/probe.ts', "import { createCore } from '../core/createCore';\nimport { WebSocketServer } from 'ws';\nexport const x = [createCore, WebSocketServer];\n")).toEqual([]);
    expect(await layering('main/core/probe.ts', "import { CellularModemDriver } from '../../native/cellular/CellularModemDriver';\nexport const x = CellularModemDriver;\n")).toEqual([]);
    expect(await layering('renderer/probe.ts', "import { LinkStatus } from '../protocol/links/linkStatus';\nexport const x = LinkStatus;\n")).toEqual([]);
  });

  it('sees dynamic imports and re-exports too', async () => {
    expect(await layering('native/probe.ts', "export { createCore } from '../main/core/createCore';\n")).toHaveLength(1);
    expect(await layering('native/probe.ts', "export const load = () => import('../main/core/createCore');\n")).toHaveLength(1);
  });
});
