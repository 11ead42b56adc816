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

/** Every cycle of `graph`, each named once by its nodes in order, starting from its smallest. */
function cyclesOf(graph: Map<string, Set<string>>): string[] {
  const cycles = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const first = cycle.indexOf([...cycle].sort()[0]);
        cycles.add([...cycle.slice(first), ...cycle.slice(0, first)].join(' → '));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return [...cycles];
}

/** The import graph of src/, by file, or by top-level folder (a file at the top is its own node). */
function importGraph(node: (srcRelative: string) => string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = node(relative(SRC, file).split('\\').join('/'));
    const edges = graph.get(from) ?? new Set<string>();
    for (const target of importsOf(file)) if (node(target) !== from) edges.add(node(target));
    graph.set(from, edges);
  }
  return graph;
}

test('no import cycle in src/: a module never needs, through others, what needs it', () => {
  assert.deepEqual(cyclesOf(importGraph((file) => file)), []);
});

test('no cycle between the folders of src/: two rooms of one floor do not lean on each other', () => {
  assert.deepEqual(cyclesOf(importGraph((file) => file.split('/')[0])), []);
});

test('the cycle check finds a cycle', () => {
  const graph = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])], ['d', new Set(['a'])]]);
  assert.deepEqual(cyclesOf(graph), ['a → b → c']);
});

test('front doors do not lean on each other: the tools import nothing from the commands', () => {
  const leaning = sourceFiles(join(SRC, 'tools')).flatMap((file) =>
    importsOf(file).filter((target) => target.startsWith('commands/')).map((target) => `${relative(SRC, file)} → ${target}`),
  );
  assert.deepEqual(leaning, []);
});
