// The house as drawn in the architecture notes: floors from the model at the bottom to the wiring at the
// top, and imports that only run downwards (or stay on their floor). This reads every import of src/
// (static, `require` and `import()`) and fails on one that runs upwards, so the layout cannot drift.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = resolve(__dirname, '..', '..', 'src');

/** Each top-level folder of src/ (or file) and its floor; a folder that is not listed fails the test. */
const FLOORS: Record<string, number> = {
  model: 0,
  core: 1,
  api: 2,
  services: 3,
  jobs: 4,
  missingImages: 5,
  markdown: 5,
  presenters: 6,
  preview: 6,
  ui: 6,
  commands: 7,
  tools: 7,
  'extension.ts': 8,
};

/** The webview runs in the panel's page: the protocol, the model and pure helpers only. */
const WEBVIEW_MAY_IMPORT = (target: string) => target === 'preview/protocol.ts' || /^(model|core|webview)\//.test(target);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a file, resolved to src-relative paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)'(\.[^']+)'/g)].map((match) => match[1]);
  return specifiers.map((specifier) => {
    const target = resolve(dirname(file), specifier);
    const withExtension = target.endsWith('.ts') ? target : `${target}.ts`;
    return relative(SRC, withExtension).split('\\').join('/');
  });
}

function floorOf(srcRelative: string): number | undefined {
  return FLOORS[srcRelative.split('/')[0]];
}

test('every folder of src/ has a floor (a new folder must be placed in the house)', () => {
  const unplaced = readdirSync(SRC).filter((name) => name !== 'webview' && FLOORS[name] === undefined);
  assert.deepEqual(unplaced, []);
});

test('imports run downwards only: no module imports from a floor above its own', () => {
  const upward: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file).split('\\').join('/');
    for (const target of importsOf(file)) {
      if (from.startsWith('webview/')) {
        if (!WEBVIEW_MAY_IMPORT(target)) upward.push(`${from} → ${target} (the webview reads only the protocol, the model and pure helpers)`);
        continue;
      }
      const mine = floorOf(from);
      const theirs = floorOf(target);
      if (mine === undefined || theirs === undefined) continue;
      if (theirs > mine) upward.push(`${from} (floor ${mine}) → ${target} (floor ${theirs})`);
    }
  }
  assert.deepEqual(upward, []);
});

test('the check sees the imports it judges: static, require and dynamic import', () => {
  const extension = importsOf(join(SRC, 'extension.ts'));
  assert.ok(extension.includes('jobs/jobEngine.ts'), JSON.stringify(extension));
  assert.ok(importsOf(join(SRC, 'services', 'apiSession.ts')).includes('api/connection.ts'));
  assert.ok(importsOf(join(SRC, 'jobs', 'jobHistory.ts')).includes('core/historyRules.ts'));
});
