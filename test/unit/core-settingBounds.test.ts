import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundedNumber, NUMBER_SETTINGS } from '../../src/core/settingBounds';

const wait = NUMBER_SETTINGS.waitTimeoutMinutes;
const count = NUMBER_SETTINGS.count;

test('a value within its bounds is used as it is, without a problem', () => {
  assert.deepEqual(boundedNumber('nanoBanana.waitTimeoutMinutes', 30, wait), { value: 30 });
  assert.deepEqual(boundedNumber('nanoBanana.waitTimeoutMinutes', 1, wait), { value: 1 });
  assert.deepEqual(boundedNumber('nanoBanana.waitTimeoutMinutes', 1440, wait), { value: 1440 });
  assert.deepEqual(boundedNumber('nanoBanana.waitTimeoutMinutes', 2.5, wait), { value: 2.5 });
});

test('a wait limit past a day is clamped to 1440 minutes, saying so (setTimeout would overflow above 35,791)', () => {
  const { value, problem } = boundedNumber('nanoBanana.waitTimeoutMinutes', 100000, wait);
  assert.equal(value, 1440);
  assert.equal(problem, 'nanoBanana.waitTimeoutMinutes is 100000, above the maximum of 1440: using 1440.');
  assert.ok(value * 60_000 < 2 ** 31, 'the longest wait fits in a setTimeout');
});

test('a value below the minimum is raised to it', () => {
  assert.deepEqual(boundedNumber('nanoBanana.requestTimeoutSeconds', 0, NUMBER_SETTINGS.requestTimeoutSeconds), {
    value: 5,
    problem: 'nanoBanana.requestTimeoutSeconds is 0, below the minimum of 5: using 5.',
  });
  assert.equal(boundedNumber('nanoBanana.waitTimeoutMinutes', -3, wait).value, 1);
});

test('what is not a number falls back to the default, quoted as it was written', () => {
  assert.deepEqual(boundedNumber('nanoBanana.count', 'three', count), { value: 1, problem: 'nanoBanana.count is "three", not a number: using the default 1.' });
  assert.deepEqual(boundedNumber('nanoBanana.waitTimeoutMinutes', null, wait), { value: 10, problem: 'nanoBanana.waitTimeoutMinutes is null, not a number: using the default 10.' });
  assert.equal(boundedNumber('nanoBanana.waitTimeoutMinutes', '30', wait).value, 10);
  assert.equal(boundedNumber('nanoBanana.waitTimeoutMinutes', Number.NaN, wait).value, 10);
});

test('a fraction of an image is not rounded into a charge: the default count is used', () => {
  assert.deepEqual(boundedNumber('nanoBanana.count', 2.5, count), { value: 1, problem: 'nanoBanana.count is 2.5, not a whole number: using the default 1.' });
  assert.deepEqual(boundedNumber('nanoBanana.count', 50, count), { value: 4, problem: 'nanoBanana.count is 50, above the maximum of 4: using 4.' });
});

test('a long value is cut short in the problem', () => {
  const { problem } = boundedNumber('nanoBanana.count', 'x'.repeat(500), count);
  assert.ok(problem && problem.length < 120, problem);
});

test('every default lies within its own bounds', () => {
  for (const [key, bounds] of Object.entries(NUMBER_SETTINGS)) {
    assert.deepEqual(boundedNumber(key, bounds.default, bounds), { value: bounds.default }, key);
  }
});
