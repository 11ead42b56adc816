// Writes docs/faults-and-security.md from the suite's own results: for every case of
// scripts/fault-cases.ts, the tests whose names carry its id (`[fault:submit-429] …`) and how they
// ended in the latest run of their file (.test-results/*.jsonl, written by scripts/run-tests.mjs).
// Exits non-zero unless every case passed, so `npm test` fails with it.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FAULT_CASES } from './fault-cases';
import { caseIdsIn, caseRows, renderReport, type TestResult } from './fault-table';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS_DIR = join(ROOT, '.test-results');
const REPORT = join(ROOT, 'docs', 'faults-and-security.md');

/** The newest results of each test file: a file run again, alone or in its suite, replaces its earlier results. */
function latestResults(): TestResult[] {
  if (!existsSync(RESULTS_DIR)) return [];
  const runs = readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => join(RESULTS_DIR, name))
    .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const byFile = new Map<string, TestResult[]>();
  for (const run of runs) {
    const inRun = new Map<string, TestResult[]>();
    for (const line of readFileSync(run, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const result = JSON.parse(line) as TestResult;
      // Results of a test file since deleted or renamed say nothing about today's suite.
      if (!result.file || !existsSync(join(ROOT, result.file))) continue;
      inRun.set(result.file, [...(inRun.get(result.file) ?? []), result]);
    }
    for (const [file, results] of inRun) byFile.set(file, results);
  }
  return [...byFile.values()].flat();
}

/** Ids that test sources carry, to tell a case whose test has not run from one that has no test. */
function idsInSources(dir = join(ROOT, 'test'), ids = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) idsInSources(path, ids);
    else if (entry.name.endsWith('.test.ts')) caseIdsIn(readFileSync(path, 'utf8')).forEach((id) => ids.add(id));
  }
  return ids;
}

const sources = idsInSources();
const rows = caseRows(FAULT_CASES, latestResults(), sources);
const known = new Set(FAULT_CASES.map((fault) => fault.id));
for (const id of sources) if (!known.has(id)) process.stderr.write(`fault-report: [${id}] is carried by a test but not listed in scripts/fault-cases.ts\n`);

writeFileSync(REPORT, renderReport(rows));
const failing = rows.filter((row) => row.outcome !== 'pass');
process.stdout.write(`fault-report: wrote ${REPORT}: ${rows.length - failing.length} of ${rows.length} cases pass\n`);
for (const { fault, outcome } of failing) process.stdout.write(`  ${fault.id}: ${outcome}\n`);
process.exit(failing.length === 0 ? 0 : 1);
