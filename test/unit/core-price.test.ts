// The price learned from finished tasks: per image, per model and resolution, worded for confirmations,
// and the month's spend counted once per task.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectedPriceLine, formatCredits, monthOf, perImagePrice, priceEstimate, pricedOptions, spendThisMonth, withSpend } from '../../src/core/price';
import { PriceBook } from '../../src/services/priceBook';

const MAY = new Date(2026, 4, 14, 12).getTime();
const JUNE = new Date(2026, 5, 1, 9).getTime();

function memento() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string, fallback?: T) => (values.has(key) ? structuredClone(values.get(key)) : fallback) as T, update: async (key: string, value: unknown) => void values.set(key, structuredClone(value)), keys: () => [...values.keys()], values };
}

test('the price of one image is the charged amount over the images billed', () => {
  assert.deepEqual(perImagePrice({ amount: 0.378, listAmount: 0.5, currency: 'credit' }, 3, MAY), { amount: 0.126, currency: 'credit', at: MAY });
  assert.equal(perImagePrice({ listAmount: 2 }, 1, MAY), undefined, 'no charged amount: no price');
  assert.equal(perImagePrice({ amount: 0 }, 0, MAY), undefined, 'a failed task billed no image');
  assert.equal(perImagePrice(undefined, 2, MAY), undefined);
});

test('the estimate says the price per image and the count, or that the price is not known yet', () => {
  assert.equal(priceEstimate({ amount: 0.126, currency: 'credits', at: MAY }, 12), 'about 0.126 credits per image, 12 images (about 1.512 credits in all)');
  assert.equal(priceEstimate({ amount: 2, currency: 'credit', at: MAY }, 1), 'about 2 credits per image, 1 image');
  assert.equal(priceEstimate(undefined, 3), 'price not known yet, 3 images');
  assert.equal(expectedPriceLine(undefined, 1), 'Expected price: price not known yet, 1 image.');
  assert.equal(formatCredits(0.1 + 0.2, 'USD'), '0.3 USD', 'another unit is named as the service names it, without float noise');
});

test('the month\'s spend adds each task once and starts again in a new month', () => {
  let spend = withSpend(undefined, 'task-1', { amount: 2, currency: 'credit' }, MAY);
  spend = withSpend(spend, 'task-2', { amount: 4 }, MAY);
  const again = withSpend(spend, 'task-2', { amount: 4 }, MAY);
  assert.equal(again, spend, 'a task fetched again (resumed) is not counted twice');
  assert.deepEqual(spend, { month: '2026-05', amount: 6, currency: 'credit', taskIds: ['task-1', 'task-2'] });
  assert.equal(withSpend(spend, 'task-3', { listAmount: 9 }, MAY), spend, 'no charged amount, nothing added');
  assert.equal(spendThisMonth(spend, JUNE), undefined, 'May is not June');
  assert.deepEqual(withSpend(spend, 'task-4', { amount: 1 }, JUNE), { month: '2026-06', amount: 1, currency: undefined, taskIds: ['task-4'] });
  assert.equal(monthOf(MAY), '2026-05');
});

test('a task record names the model and resolution it was asked with', () => {
  assert.deepEqual(pricedOptions({ model: 'nano-banana-pro', resolution: '4K', prompt: 'x' }), { model: 'nano-banana-pro', resolution: '4K' });
  assert.deepEqual(pricedOptions(undefined), {});
  assert.deepEqual(pricedOptions({ model: 3 }), {});
});

test('the price book remembers the last price per model and resolution, and this workspace\'s month', async () => {
  const global = memento();
  const workspace = memento();
  const book = new PriceBook(global as never, workspace as never);
  assert.equal(book.priceFor('nano-banana-pro', '4K'), undefined);
  await book.record({ taskId: 't1', model: 'nano-banana-pro', resolution: '4K', cost: { amount: 0.9, currency: 'credit' }, images: 3 }, MAY);
  await book.record({ taskId: 't2', model: 'nano-banana', resolution: '1K', cost: { amount: 0 }, images: 0 }, MAY);
  assert.deepEqual(book.priceFor('nano-banana-pro', '4K'), { amount: 0.3, currency: 'credit', at: MAY });
  assert.equal(book.priceFor('nano-banana-pro', '2K'), undefined, 'another resolution has its own price');
  assert.equal(book.priceFor('nano-banana', '1K'), undefined, 'a task that delivered nothing teaches no price');
  await book.record({ taskId: 't3', model: 'nano-banana-pro', resolution: '4K', cost: { amount: 0.4 }, images: 1 }, MAY);
  assert.equal(book.priceFor('nano-banana-pro', '4K')?.amount, 0.4, 'the last price wins');
  assert.deepEqual(book.spentThisMonth(MAY), { month: '2026-05', amount: 1.3, currency: 'credit', taskIds: ['t1', 't2', 't3'] });
  assert.equal(book.spentThisMonth(JUNE), undefined);

  workspace.values.set('nanoBanana.monthlySpend', { month: '2026-05', amount: 'lots' });
  global.values.set('nanoBanana.imagePrices', { 'nano-banana|1K': { amount: -1, at: 0 } });
  assert.equal(book.spentThisMonth(MAY), undefined, 'a hand-edited value that does not parse is ignored');
  assert.equal(book.priceFor('nano-banana', '1K'), undefined);
});
