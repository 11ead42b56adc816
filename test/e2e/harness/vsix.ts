// Builds the extension exactly as it ships (`npm run package`), so the tests exercise the .vsix
// a user installs rather than the development build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from './paths';

export const VSIX_PATH = join(REPO_ROOT, 'nano-banana-images.vsix');

// Everything `npm run package` reads; a .vsix newer than all of it is current.
const PACKAGE_INPUTS = ['src', 'media', 'images', 'l10n', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'esbuild.mjs'];
// Written by the build itself, so they are always newer than the sources.
const BUILD_OUTPUTS = new Set([join(REPO_ROOT, 'media', 'preview.js'), join(REPO_ROOT, 'media', 'preview.js.map')]);

/**
 * Returns the path of an up-to-date .vsix, packaging it when a source is newer. Each test file
 * runs in its own process, so this comparison is what makes the build happen once per run.
 * E2E_SKIP_PACKAGE=1 uses the existing .vsix as it is.
 */
export function ensureVsix(): string {
  if (process.env.E2E_SKIP_PACKAGE === '1') {
    if (!existsSync(VSIX_PATH)) throw new Error(`E2E_SKIP_PACKAGE=1, but ${VSIX_PATH} does not exist; run npm run package`);
    return VSIX_PATH;
  }
  if (existsSync(VSIX_PATH) && newestInput() < statSync(VSIX_PATH).mtimeMs) return VSIX_PATH;
  process.stderr.write('[e2e] packaging the extension (npm run package)\n');
  const result = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  return VSIX_PATH;
}

function newestInput(): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path) || BUILD_OUTPUTS.has(path)) return;
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const input of PACKAGE_INPUTS) visit(join(REPO_ROOT, input));
  return newest;
}

/** Packs a test-only extension kept under test/e2e/fixtures/ (a language pack, the tool caller) into `out`. */
export function packFixtureExtension(fixture: string, out: string): string {
  const folder = join(FIXTURES_DIR, fixture);
  if (!existsSync(folder)) throw new Error(`No fixture extension ${fixture} (expected ${folder})`);
  const vsce = join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const result = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: folder, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Packing ${folder} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  return out;
}
