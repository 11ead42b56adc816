// The wait limit of a job is a setting users can find and change, ten minutes unless they do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
const settings = manifest.contributes.configuration.properties as Record<string, { type: string; default: unknown; minimum?: number }>;

test('[poller:wait-limit-setting] nanoBanana.waitTimeoutMinutes: a number of minutes, 10 by default, at least 1', () => {
  const waitLimit = settings['nanoBanana.waitTimeoutMinutes'];
  assert.ok(waitLimit, 'the setting is contributed');
  assert.equal(waitLimit.type, 'number');
  assert.equal(waitLimit.default, 10);
  assert.equal(waitLimit.minimum, 1);
});
