// The real settings reader over an in-memory `vscode` (test/support/vscodeInMemory.ts): what a hand-edited
// settings.json holds reaches the engine bounded, and each correction is logged once, not at every read.
import { before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { logged, userSettings, useInMemoryVscode } from '../support/vscodeInMemory';

useInMemoryVscode();
let settings: typeof import('../../src/services/settings');
let log: InstanceType<typeof import('../../src/services/log').Log>;

before(async () => {
  settings = await import('../../src/services/settings');
  const { Log } = await import('../../src/services/log');
  log = new Log();
  settings.logSettingProblemsTo(log);
});

beforeEach(() => {
  userSettings.nanoBanana = {};
  logged.length = 0;
});

test('[poller:wait-limit-setting] 100000 minutes is read as 1440, with one log line however often it is read', () => {
  userSettings.nanoBanana.waitTimeoutMinutes = 100000;
  assert.equal(settings.readSettings().waitTimeoutMinutes, 1440);
  assert.equal(settings.readSettings().waitTimeoutMinutes, 1440);
  assert.deepEqual(logged, ['warn nanoBanana.waitTimeoutMinutes is 100000, above the maximum of 1440: using 1440.']);
});

test('each distinct problem gets its own line; a value within bounds none', () => {
  userSettings.nanoBanana = { waitTimeoutMinutes: 20, requestTimeoutSeconds: 1, count: 'three' };
  const read = settings.readSettings();
  assert.deepEqual([read.waitTimeoutMinutes, read.requestTimeoutSeconds, read.count], [20, 5, 1]);
  userSettings.nanoBanana.requestTimeoutSeconds = 100000;
  assert.equal(settings.readSettings().requestTimeoutSeconds, 600);
  settings.readSettings();
  assert.deepEqual(logged, [
    'warn nanoBanana.count is "three", not a number: using the default 1.',
    'warn nanoBanana.requestTimeoutSeconds is 1, below the minimum of 5: using 5.',
    'warn nanoBanana.requestTimeoutSeconds is 100000, above the maximum of 600: using 600.',
  ]);
});

test('unset numbers are the defaults, without a log line', () => {
  const read = settings.readSettings();
  assert.deepEqual([read.waitTimeoutMinutes, read.requestTimeoutSeconds, read.count], [10, 60, 1]);
  assert.deepEqual(logged, []);
});
