// The benchmark's statistics and its fixed inputs: the numbers in bench/RESULTS.md are only as
// right as these.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generationTimes } from '../../bench/latency';
import { median, percentile, ratio, summarize } from '../../bench/stats';
import { seededShuffle } from '../../bench/util';

test('median of odd and even counts, whatever the input order', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

test('percentiles interpolate between the nearest ranks', () => {
  const oneToEleven = [11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6];
  assert.equal(percentile(oneToEleven, 0), 1);
  assert.equal(percentile(oneToEleven, 100), 11);
  assert.equal(percentile(oneToEleven, 90), 10);
  // 30 samples 1..30: rank 0.95 × 29 = 27.55, between 28 and 29.
  const thirty = Array.from({ length: 30 }, (_, i) => i + 1);
  assert.ok(Math.abs(percentile(thirty, 95) - 28.55) < 1e-9);
  assert.ok(percentile(thirty, 95) < Math.max(...thirty), 'p95 of 30 samples is not simply the maximum');
});

test('percentile refuses no samples and out-of-range ranks', () => {
  assert.throws(() => median([]), RangeError);
  assert.throws(() => percentile([1], 101), RangeError);
  assert.throws(() => percentile([1], Number.NaN), RangeError);
});

test('summarize does not reorder the caller\'s samples', () => {
  const samples = [3, 1, 2];
  assert.deepEqual(summarize(samples), { count: 3, median: 2, p95: 2.9, min: 1, max: 3 });
  assert.deepEqual(samples, [3, 1, 2]);
});

test('ratio prints two decimals and a dash when it means nothing', () => {
  assert.equal(ratio(1, 4), '0.25×');
  assert.equal(ratio(3, 0), '–');
  assert.equal(ratio(Number.NaN, 2), '–');
});

test('generation times cover the range evenly, in the same shuffled order on every run', () => {
  const times = generationTimes(30, 2_000, 20_000);
  assert.equal(times.length, 30);
  const sorted = [...times].sort((a, b) => a - b);
  assert.equal(sorted[0], 2_000);
  assert.equal(sorted[29], 20_000);
  const gaps = sorted.slice(1).map((value, i) => value - sorted[i]);
  assert.ok(Math.max(...gaps) - Math.min(...gaps) <= 1, `uneven gaps ${gaps.join(',')}`);
  assert.notDeepEqual(times, sorted, 'submitted in a shuffled order, not shortest first');
  assert.deepEqual(generationTimes(30, 2_000, 20_000), times);
  assert.deepEqual([...seededShuffle([1, 2, 3, 4, 5], 9)].sort(), [1, 2, 3, 4, 5]);
});
