// The fault report may only say "pass" for a case that a test carrying its id passed: a case without
// a test is "missing", one whose test did not run is "not run", and any failure or skip shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FaultCase } from '../../scripts/fault-cases';
import { caseRows, renderReport, type TestResult } from '../../scripts/fault-table';

const fault = (id: string): FaultCase => ({ id, group: 'Faults', tried: `${id} tried`, expected: `${id} expected` });
const result = (name: string, status: TestResult['status'], file = 'test/unit/x.test.ts'): TestResult => ({ file, name, status });
// Ids built here, so this file's source carries no id that scripts/fault-report.ts would take for a real case.
const [X, Y, OTHER, ALONE, LONGER, E2E] = ['x', 'y', 'other', 'alone', 'x-longer', 'e2e-only'].map((name) => `fault:${name}`) as [string, string, string, string, string, string];

test('a case without any test is missing, never pass', () => {
  const [row] = caseRows([fault(ALONE)], [result(`[${OTHER}] passes`, 'pass')], new Set([OTHER]));
  assert.equal(row!.outcome, 'missing');
  assert.deepEqual(row!.tests, []);
  assert.ok(renderReport([row!]).includes(`| \`${ALONE}\` | ${ALONE} tried | ${ALONE} expected | **missing** | — |`));
});

test('a case whose test exists but has no result is not run', () => {
  assert.equal(caseRows([fault(E2E)], [], new Set([E2E]))[0]!.outcome, 'not run');
});

test('one failing, todo or skipped test outweighs the passing ones', () => {
  for (const status of ['fail', 'todo', 'skipped'] as const) {
    const results = [result(`[${X}] first`, 'pass'), result(`[${X}] second`, status, 'test/e2e/y.test.ts')];
    const [row] = caseRows([fault(X)], results, new Set([X]));
    assert.equal(row!.outcome, status);
    assert.match(renderReport([row!]), new RegExp(`\\*\\*${status}\\*\\*.*second \\(${status}\\)`));
  }
});

test('a case passes when every test carrying its id passed; ids match exactly, several per test', () => {
  const results = [
    result(`[${X}] [${Y}] both`, 'pass', 'test/e2e/b.test.ts'),
    result(`[${X}] only x`, 'pass', 'test/a.test.ts'),
    result(`[${LONGER}] not x`, 'fail'),
  ];
  const rows = caseRows([fault(X), fault(Y)], results, new Set());
  assert.deepEqual(rows.map((row) => row.outcome), ['pass', 'pass']);
  assert.deepEqual(rows[0]!.tests.map((test) => test.name), [`[${X}] only x`, `[${X}] [${Y}] both`], 'sorted by file');
  assert.match(renderReport(rows), /\| pass \| `test\/a.test.ts`: only x<br>`test\/e2e\/b.test.ts`: both \|/);
});
