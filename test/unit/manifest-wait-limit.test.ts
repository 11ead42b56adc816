// The wait limit of a job is a setting users can find and change, ten minutes unless they do, and the
// Settings editor shows the same bounds the reader clamps to (src/core/settingBounds.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NUMBER_SETTINGS } from '../../src/core/settingBounds';

const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
const settings = manifest.contributes.configuration.properties as Record<string, { type: string; default: unknown; minimum?: number; maximum?: number }>;

test('[poller:wait-limit-setting] nanoBanana.waitTimeoutMinutes: a number of minutes, 10 by default, 1 to 1440', () => {
  const waitLimit = settings['nanoBanana.waitTimeoutMinutes'];
  assert.ok(waitLimit, 'the setting is contributed');
  assert.equal(waitLimit.type, 'number');
  assert.equal(waitLimit.default, 10);
  assert.equal(waitLimit.minimum, 1);
  assert.equal(waitLimit.maximum, 1440);
});

test('every numeric setting declares the default and bounds its reader uses, and no number is left unbounded', () => {
  for (const [key, bounds] of Object.entries(NUMBER_SETTINGS)) {
    const declared = settings[`nanoBanana.${key}`];
    assert.ok(declared, `nanoBanana.${key} is contributed`);
    assert.equal(declared.type, 'integer' in bounds && bounds.integer ? 'integer' : 'number', key);
    assert.deepEqual([declared.default, declared.minimum, declared.maximum], [bounds.default, bounds.min, bounds.max], key);
  }
  const numeric = Object.keys(settings).filter((key) => ['number', 'integer'].includes(settings[key].type));
  assert.deepEqual(numeric.sort(), Object.keys(NUMBER_SETTINGS).map((key) => `nanoBanana.${key}`).sort());
});
