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
    const messages = await layering(
      'native/probe.ts',
      "import { createCore } from '../main/core/createCore';\nexport const x = createCore;\n",
    );
    expect(messages).toEqual([expect.stringMatching(/Bad layering: native may not import main\/core/)]);
  });

  it('fails when protocol/ imports anything of ours or a Node built-in', async () => {
    expect(
      await layering('protocol/probe.ts', "import { SafeEmitter } from '../native/util/SafeEmitter';\nexport const x = SafeEmitter;\n"),
    ).toHaveLength(1);
    expect(await layering('protocol/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(
      1,
    );
  });

  it('fails when the renderer reaches into main/ or Node', async () => {
    expect(
      await layering('renderer/probe.ts', "import { Store } from '../main/core/store/Store';\nexport const x = Store;\n"),
    ).toHaveLength(1);
    expect(await layering('renderer/probe.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
  });

  it('keeps electron in main/app and better-sqlite3 where stores live', async () => {
    expect(await layering('main/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([
      expect.stringMatching(/may not use the package "electron"/),
    ]);
    const sqlite = "import Database from 'better-sqlite3';\nexport const x = Database;\n";
    expect(await layering('main/core/links/probe.ts', sqlite)).toEqual([
      expect.stringMatching(/only be used under platform\/sqlite\/, main\/core\/store/),
    ]);
    expect(await layering('center/http/probe.ts', sqlite)).toHaveLength(1);
    expect(await layering('platform/log/probe.ts', sqlite)).toHaveLength(1);
    for (const store of ['main/core/store/probe.ts', 'center/store/probe.ts', 'platform/sqlite/probe.ts', 'platform/maps/probe.ts'])
      expect(await layering(store, sqlite)).toEqual([]);
  });

  it('fails when the center imports the console, or the platform layer imports any layer above it', async () => {
    expect(
      await layering('center/probe.ts', "import { createCore } from '../main/core/createCore';\nexport const x = createCore;\n"),
    ).toEqual([expect.stringMatching(/Bad layering: center may not import main\/core/)]);
    expect(await layering('center/http/probe.ts', "import { x } from '../../main/serve/httpServer';\nexport const y = x;\n")).toHaveLength(
      1,
    );
    expect(await layering('platform/probe.ts', "import { Store } from '../main/core/store/Store';\nexport const x = Store;\n")).toEqual([
      expect.stringMatching(/Bad layering: platform may not import main\/core/),
    ]);
    expect(
      await layering('platform/probe.ts', "import { SerialLink } from '../native/serial/SerialLink';\nexport const x = SerialLink;\n"),
    ).toHaveLength(1);
    expect(
      await layering('platform/probe.ts', "import { startCenter } from '../center/cli/serveCommand';\nexport const x = startCenter;\n"),
    ).toHaveLength(1);
  });

  it('lets the core, the drivers and the center share the platform layer', async () => {
    const logger = (depth: string) => `import { createLogger } from '${depth}platform/log/logger';\nexport const x = createLogger;\n`;
    expect(await layering('center/probe.ts', logger('../'))).toEqual([]);
    expect(await layering('main/core/probe.ts', logger('../../'))).toEqual([]);
    expect(await layering('native/probe.ts', logger('../'))).toEqual([]);
    expect(await layering('renderer/probe.ts', logger('../'))).toHaveLength(1);
  });

  it('fails for a file that belongs to no layer', async () => {
    expect(await layering('misc/probe.ts', 'export const x = 1;\n')).toEqual([expect.stringMatching(/is in no layer/)]);
  });

  it('allows the arrows of the architecture', async () => {
    expect(
      await layering(
        'main/serve/probe.ts',
        "import { createCore } from '../core/createCore';\nimport { WebSocketServer } from 'ws';\nexport const x = [createCore, WebSocketServer];\n",
      ),
    ).toEqual([]);
    expect(
      await layering(
        'main/core/probe.ts',
        "import { CellularModemDriver } from '../../native/cellular/CellularModemDriver';\nexport const x = CellularModemDriver;\n",
      ),
    ).toEqual([]);
    expect(
      await layering('renderer/probe.ts', "import { LinkStatus } from '../protocol/links/linkStatus';\nexport const x = LinkStatus;\n"),
    ).toEqual([]);
  });

  it('sees dynamic imports, re-exports and require() too', async () => {
    expect(await layering('native/probe.ts', "export { createCore } from '../main/core/createCore';\n")).toHaveLength(1);
    expect(await layering('native/probe.ts', "export const load = () => import('../main/core/createCore');\n")).toHaveLength(1);
    const required = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
    expect(await layering('center/probe.ts', `${required}export const x = require('../main/core/createCore');\n`)).toHaveLength(1);
    expect(await layering('main/core/links/probe.ts', `${required}export const x = require('better-sqlite3');\n`)).toHaveLength(1);
    expect(await layering('main/core/probe.ts', `${required}export const x = require.resolve('electron');\n`)).toHaveLength(1);
  });
});
