// The architecture's "may import" table as a lint rule (docs/ARCHITECTURE.md, Layout).
// Every TypeScript file must belong to a layer; every import must point to a layer or
// package that layer may use. In the spirit of VS Code's code-layering rule: the rules
// are data here, and a file that matches no layer is itself an error.
import path from 'node:path';
import { builtinModules } from 'node:module';

/** Layers by path prefix, most specific first. `packages: '*'` allows any npm package. */
export const LAYERS = [
  { name: 'protocol', prefix: 'protocol/', mayImport: ['protocol'], packages: ['zod', 'cbor-x'], node: false },
  // Node code the console core, the drivers and the center share: SQLite open/migrate/errors,
  // logger, typed emitter, config files, static renderer files + CSP. Imports no layer above it.
  { name: 'platform', prefix: 'platform/', mayImport: ['platform', 'protocol'], packages: ['better-sqlite3', 'zod'], node: true },
  {
    name: 'native',
    prefix: 'native/',
    mayImport: ['native', 'platform', 'protocol'],
    packages: ['serialport', '@serialport/*'],
    node: true,
  },
  {
    name: 'main/core',
    prefix: 'main/core/',
    mayImport: ['main/core', 'native', 'platform', 'protocol'],
    // ws: the sync stream to the center over narrow links (sync/StreamChannel.ts).
    packages: ['better-sqlite3', 'sharp', 'exifr', 'ws'],
    node: true,
  },
  {
    name: 'main/serve',
    prefix: 'main/serve/',
    mayImport: ['main/serve', 'main/core', 'platform', 'protocol'],
    packages: ['ws'],
    node: true,
  },
  {
    name: 'main/app',
    prefix: 'main/app/',
    mayImport: ['main/app', 'main/core', 'platform', 'protocol'],
    packages: ['electron'],
    node: true,
  },
  {
    name: 'renderer',
    prefix: 'renderer/',
    mayImport: ['renderer', 'protocol'],
    packages: [
      'react',
      'react-dom',
      'react-dom/*',
      'react-i18next',
      'i18next',
      'zod',
      'uplot',
      'uplot/*',
      'mediasoup-client',
      'mediasoup-client/*',
      'protoo-client',
      'leaflet',
      'leaflet/*',
      'react-leaflet',
      'gcoord',
      'supercluster',
    ],
    node: false,
  },
  // The center never imports the console: both sides share only protocol/ and platform/.
  {
    name: 'center',
    prefix: 'center/',
    mayImport: ['center', 'platform', 'protocol'],
    packages: ['ws', 'better-sqlite3', 'mediasoup', 'mediasoup/*'],
    node: true,
  },
  { name: 'fixtures', prefix: 'fixtures/', mayImport: ['fixtures', 'native', 'platform', 'protocol'], packages: '*', node: true },
  { name: 'test', prefix: 'test/', mayImport: '*', packages: '*', node: true },
  { name: 'bench', prefix: 'bench/', mayImport: '*', packages: '*', node: true },
  { name: 'tooling', prefix: 'scripts/', mayImport: '*', packages: '*', node: true },
];

/** Heavy packages allowed only in part of a layer: SQLite only where stores live. */
export const NARROW_PACKAGES = [
  // MBTiles files are SQLite too: their read-only reader is shared by the core and the center.
  {
    pattern: 'better-sqlite3',
    only: ['platform/sqlite/', 'main/core/store/', 'center/store/', 'platform/maps/', 'test/', 'bench/', 'fixtures/'],
  },
  // The production SFU stays behind the MediaBackend interface; werift is the test stand-in's only.
  // Photos are read in one place: the thumbnail and the EXIF position.
  { pattern: 'sharp', only: ['main/core/ops/photoThumbnail.ts', 'test/', 'bench/'] },
  { pattern: 'exifr', only: ['main/core/ops/photoThumbnail.ts', 'test/', 'bench/'] },
  { pattern: 'mediasoup', only: ['center/media/mediasoup/', 'test/', 'bench/'] },
  { pattern: 'werift', only: ['test/', 'bench/'] },
  // The console core speaks WebSocket only for the sync stream.
  { pattern: 'ws', only: ['main/core/sync/StreamChannel.ts', 'main/serve/', 'center/', 'test/', 'bench/', 'fixtures/'] },
];

const ROOT_TOOLING = /^[^/]+\.config\.(ts|mts|js|mjs)$/;
const NODE_BUILTINS = new Set(builtinModules);

function layerOf(relative) {
  if (ROOT_TOOLING.test(relative)) return LAYERS.find((l) => l.name === 'tooling');
  return LAYERS.find((layer) => relative.startsWith(layer.prefix));
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matchesPackage(patterns, specifier) {
  if (patterns === '*') return true;
  const name = packageName(specifier);
  return patterns.some((pattern) => {
    if (pattern.endsWith('/*')) return specifier.startsWith(pattern.slice(0, -1)) || name === pattern.slice(0, -2);
    return specifier === pattern || name === pattern;
  });
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the architecture layers (who may import what)' },
    schema: [],
    messages: {
      unknownLayer:
        'File {{file}} is in no layer of docs/ARCHITECTURE.md; put it in a layer folder or add the layer to scripts/eslint-rules/layering.mjs.',
      badLayer: 'Bad layering: {{from}} may not import {{to}} ("{{specifier}}"). Allowed: {{allowed}}.',
      badPackage: 'Bad layering: {{from}} may not use the package "{{specifier}}". Allowed: {{allowed}}.',
      narrowPackage: '"{{specifier}}" may only be used under {{only}}.',
      nodeInBrowser: '{{from}} runs in the browser (or must stay portable) and may not import Node built-in "{{specifier}}".',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    if (file.startsWith('..') || !/\.(ts|tsx|mts)$/.test(file)) return {};
    const layer = layerOf(file);

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (!layer) return;
      if (specifier.startsWith('.')) {
        const target = path
          .relative(root, path.resolve(path.dirname(context.filename), specifier))
          .split(path.sep)
          .join('/');
        const targetLayer = layerOf(`${target}/`) ?? layerOf(target);
        const allowed = layer.mayImport;
        if (allowed === '*') return;
        if (!targetLayer || !allowed.includes(targetLayer.name)) {
          context.report({
            node,
            messageId: 'badLayer',
            data: { from: layer.name, to: targetLayer?.name ?? target, specifier, allowed: allowed.join(', ') },
          });
        }
        return;
      }
      if (specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(specifier))) {
        if (!layer.node) context.report({ node, messageId: 'nodeInBrowser', data: { from: layer.name, specifier } });
        return;
      }
      if (!matchesPackage(layer.packages, specifier)) {
        const allowed = layer.packages === '*' ? 'any' : layer.packages.join(', ') || 'none';
        context.report({ node, messageId: 'badPackage', data: { from: layer.name, specifier, allowed } });
        return;
      }
      const narrow = NARROW_PACKAGES.find((n) => packageName(specifier) === n.pattern);
      if (narrow && !narrow.only.some((prefix) => file.startsWith(prefix))) {
        context.report({ node, messageId: 'narrowPackage', data: { specifier, only: narrow.only.join(', ') } });
      }
    }

    return {
      Program(node) {
        if (!layer) context.report({ node, messageId: 'unknownLayer', data: { file } });
      },
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      // CommonJS and createRequire: `require('x')`, `require.resolve('x')`.
      CallExpression: (node) => {
        const callee = node.callee;
        const isRequire =
          (callee.type === 'Identifier' && callee.name === 'require') ||
          (callee.type === 'MemberExpression' &&
            callee.object.type === 'Identifier' &&
            callee.object.name === 'require' &&
            callee.property.name === 'resolve');
        const [first] = node.arguments;
        if (isRequire && first?.type === 'Literal') check(node, first.value);
      },
      TSImportType: (node) => {
        const literal = node.argument?.literal ?? node.argument;
        if (literal?.type === 'Literal') check(node, literal.value);
      },
    };
  },
};
