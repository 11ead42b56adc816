// Bundles the extension host code and the preview webview's script.
// `--production` minifies without source maps (what the .vsix ships); `--watch` rebuilds on change.
//
// The host code ships as three files, so activation stays cheap:
//   dist/extension.js  what activation loads: commands, panel, jobs (no HTTP stack)
//   dist/api.js        the Ace Data Cloud client with undici and zod, required when the first job starts
//   dist/errors.js     ApiError, required by both, so `instanceof ApiError` holds across the two
//   dist/l10n.js       the translation bundle in use, likewise one for both
//   dist/scanner.js    the image-reference scanner (a CommonMark parser, the HTML entity table),
//                      required on the first code-action request in a Markdown or HTML document
//   dist/imageWorker.js the image worker (decode, resize, encode), started as a worker thread only when
//                      an image is cut to size or made smaller; its WebAssembly codecs are copied beside it
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const API_DIR = resolve('src/api');
const CONNECTION = resolve(API_DIR, 'connection');
const SCANNER_DIR = resolve('src/core/scanner');
const SCANNER = resolve(SCANNER_DIR, 'scan');
const IMAGING_DIR = resolve('src/core/imaging');
/** The worker's codecs, loaded from dist/ by file name (src/core/imaging/codecs.ts, WASM_FILES). */
const WASM = [
  'node_modules/@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  'node_modules/@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  'node_modules/@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm',
];
/** Modules with identity or state that both host files use: each ships once, as its own file. */
const SHARED = new Map([
  [resolve(API_DIR, 'errors'), './errors.js'],
  [resolve('src/core/l10n'), './l10n.js'],
]);

/**
 * Turns imports of the shared modules (and, for the host, of the lazily loaded client and scanner)
 * into `require`s of the sibling files. Any other value import of src/api or of the scanner from host
 * code would put a second copy into dist/extension.js, so it fails the build instead.
 */
function splitApi({ host }) {
  return {
    name: 'split-api',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const target = resolve(args.resolveDir, args.path).replace(/\.ts$/, '');
        if (SHARED.has(target)) return { path: SHARED.get(target), external: true };
        if (host && target.startsWith(`${IMAGING_DIR}/`)) {
          return { errors: [{ text: `${args.importer} imports ${args.path}: the codecs run only in dist/imageWorker.js, started by services/imageWorkers` }] };
        }
        if (host && target.startsWith(`${SCANNER_DIR}/`) && !args.importer.startsWith(`${SCANNER_DIR}/`)) {
          if (target === SCANNER) return { path: './scanner.js', external: true };
          return { errors: [{ text: `${args.importer} imports ${args.path}: host code reaches the scanner only through scanner/scan (loaded lazily)` }] };
        }
        if (!host || !target.startsWith(`${API_DIR}/`) || args.importer.startsWith(`${API_DIR}/`)) return undefined;
        if (target === CONNECTION) return { path: './api.js', external: true };
        return { errors: [{ text: `${args.importer} imports ${args.path}: host code reaches src/api only through api/connection (loaded lazily) and api/errors` }] };
      });
    },
  };
}

const shared = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

const node = { ...shared, format: 'cjs', platform: 'node', target: 'node20', external: ['vscode'] };

const builds = [
  {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [splitApi({ host: true })],
    // `await import('../api/connection')` becomes a plain require of dist/api.js, in the same module cache as dist/errors.js.
    supported: { 'dynamic-import': false },
  },
  { ...node, entryPoints: ['src/api/connection.ts'], outfile: 'dist/api.js', plugins: [splitApi({ host: false })] },
  { ...node, entryPoints: ['src/api/errors.ts'], outfile: 'dist/errors.js', plugins: [splitApi({ host: false })] },
  { ...node, entryPoints: ['src/core/l10n.ts'], outfile: 'dist/l10n.js' },
  { ...node, entryPoints: ['src/core/scanner/scan.ts'], outfile: 'dist/scanner.js' },
  // The codecs are ES modules that look for their .wasm beside `import.meta.url`; they are handed the
  // compiled modules instead, so the URL only has to be defined.
  { ...node, entryPoints: ['src/core/imaging/imageWorker.ts'], outfile: 'dist/imageWorker.js', define: { 'import.meta.url': '"file:///"' } },
  {
    ...shared,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'media/preview.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  },
];

mkdirSync('dist', { recursive: true });
for (const file of WASM) copyFileSync(file, `dist/${basename(file)}`);

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
