import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from '../../../platform/static/rendererFiles';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

function site(): string {
  const root = tempDir();
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<html>');
  writeFileSync(join(root, 'assets', 'app.js'), '');
  writeFileSync(join(root, '..', 'secret.txt'), 'x');
  return root;
}

describe('resolveRendererFile', () => {
  it('serves files with their content type', () => {
    const root = site();
    expect(resolveRendererFile(root, '/assets/app.js')).toEqual({
      path: join(root, 'assets', 'app.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererFile(root, '/')).toEqual({ path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  });

  it('falls back to index.html for routes, but not for missing assets', () => {
    const root = site();
    expect(resolveRendererFile(root, '/links')?.path).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, '/assets/missing.js')).toBeUndefined();
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt', '/%00', '/%E0%A4%A'])(
    'refuses %s',
    (path) => {
      const result = resolveRendererFile(site(), path);
      expect(result === undefined || !result.path.endsWith('secret.txt')).toBe(true);
      if (result) expect(result.path.endsWith('index.html')).toBe(true);
    },
  );

  it('does not follow a symbolic link out of the root, but does inside it', () => {
    const root = site();
    const outside = join(tempDir(), 'private.key');
    writeFileSync(outside, 'secret');
    symlinkSync(outside, join(root, 'assets', 'logo.svg'));
    symlinkSync(join(root, '..'), join(root, 'up'));
    symlinkSync(join(root, 'assets', 'app.js'), join(root, 'app-link.js'));
    expect(resolveRendererFile(root, '/assets/logo.svg')).toBeUndefined();
    expect(resolveRendererFile(root, '/up/secret.txt')).toBeUndefined();
    expect(resolveRendererFile(root, '/app-link.js')?.path).toBe(join(root, 'app-link.js'));
  });

  it('serves source maps only where asked to', () => {
    const root = site();
    writeFileSync(join(root, 'assets', 'app.js.map'), '{}');
    expect(resolveRendererFile(root, '/assets/app.js.map')?.contentType).toBe('application/json; charset=utf-8');
    expect(resolveRendererFile(root, '/assets/app.js.map', { sourceMaps: false })).toBeUndefined();
    expect(resolveRendererFile(root, '/assets/APP.JS.MAP', { sourceMaps: false })).toBeUndefined();
  });
});
