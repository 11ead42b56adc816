// Runs every `*.test.ts` below the given folders (or the given test files) with Node's built-in
// test runner, through tsx. Node 20's runner does not expand globs itself, hence this small finder.
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const folders = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) files.push(path);
  }
};
for (const path of folders) {
  if (statSync(path).isDirectory()) walk(path);
  else files.push(path);
}
if (files.length === 0) {
  console.error(`No *.test.ts files under ${folders.join(', ')}`);
  process.exit(1);
}
// End-to-end tests share one VS Code and one browser per file; running files side by side
// would only make two cores thrash.
const serial = folders.some((f) => f.includes('e2e'));
// Each outcome is also kept as a JSON line in .test-results/ (one file per set of arguments, so a
// later run of the same suite replaces it), for scripts/fault-report.ts.
const resultsDir = resolve('.test-results');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = join(resultsDir, `${folders.join('+').replace(/[^\w.-]+/g, '_')}.jsonl`);
// Integration tests run the real engine and client: an unhandled rejection there fails the file.
const guards = folders.some((f) => f.includes('integration'))
  ? ['--import', pathToFileURL(resolve(import.meta.dirname, '..', 'test', 'support', 'fail-on-unhandled-rejection.mjs')).href]
  : [];
const reporter = pathToFileURL(resolve(import.meta.dirname, 'test-results-reporter.mjs')).href;
const result = spawnSync(
  process.execPath,
  [
    '--import', 'tsx', ...guards, '--test',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`, `--test-reporter-destination=${resultsFile}`,
    `--test-concurrency=${serial ? 1 : 2}`, ...files,
  ],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
