import { existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface RendererFile {
  path: string;
  contentType: string;
}

/**
 * Maps a URL path to a file of the built renderer, for both hosts. Paths that leave
 * the root (`..`, encoded or not, or a symbolic link pointing out of it) give undefined;
 * unknown paths without an extension get `index.html` so the UI's own routes survive a
 * reload. `sourceMaps: false` (the center's desk, reachable from other machines) does not
 * serve `.map` files: they would hand out the source.
 */
export function resolveRendererFile(root: string, urlPath: string, options: { sourceMaps?: boolean } = {}): RendererFile | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const candidate = resolve(base, `.${sep}${normalize(decoded)}`);
  if (candidate !== base && !candidate.startsWith(base + sep)) return undefined;
  if (options.sourceMaps === false && extname(decoded).toLowerCase() === '.map') return undefined;
  let file = candidate;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(decoded) !== '') return undefined;
    file = join(base, 'index.html');
    if (!existsSync(file)) return undefined;
  }
  if (!insideRealRoot(base, file)) return undefined;
  return { path: file, contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

/** The file's real path (links followed) is still under the root's real path. */
function insideRealRoot(base: string, file: string): boolean {
  try {
    const realBase = realpathSync(base);
    const real = realpathSync(file);
    return real === realBase || real.startsWith(realBase + sep);
  } catch {
    return false;
  }
}
