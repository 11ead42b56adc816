// What an image is expected to cost and what has been spent, from the costs finished tasks reported
// (`response.cost`, in credits). The service publishes no price list the client could read, so the last
// reported cost per model and resolution is the best estimate there is, and it is called an estimate.
import type { JobCost } from '../model/job';
import { t } from './l10n';

/** The cost of one image as last reported for a model and resolution. */
export interface ImagePrice {
  amount: number;
  currency?: string;
  /** Date.now() when it was reported. */
  at: number;
}

/** What was spent in one calendar month, and by which tasks, so a task fetched twice counts once. */
export interface MonthlySpend {
  /** Local calendar month, `2026-05`. */
  month: string;
  amount: number;
  currency?: string;
  taskIds: string[];
}

export function priceKey(model: string, resolution: string): string {
  return `${model}|${resolution}`;
}

/** The charged amount split over the images that were billed; undefined when either is unknown. */
export function perImagePrice(cost: JobCost | undefined, billedImages: number, at: number): ImagePrice | undefined {
  if (cost?.amount === undefined || !Number.isFinite(cost.amount) || cost.amount < 0 || billedImages < 1) return undefined;
  return { amount: cost.amount / billedImages, currency: cost.currency, at };
}

/** The model and resolution a task record's `request` names, for those it names. */
export function pricedOptions(request: unknown): { model?: string; resolution?: string } {
  const asked = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {};
  return {
    ...(typeof asked.model === 'string' && asked.model ? { model: asked.model } : {}),
    ...(typeof asked.resolution === 'string' && asked.resolution ? { resolution: asked.resolution } : {}),
  };
}

export function monthOf(timestamp: number): string {
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * The month's spend with a task's cost added: a new month starts from zero, and a task already counted
 * (a job resumed after its cost was seen) is not counted again.
 */
export function withSpend(spend: MonthlySpend | undefined, taskId: string, cost: JobCost | undefined, now: number): MonthlySpend | undefined {
  if (cost?.amount === undefined || !Number.isFinite(cost.amount)) return spend;
  const month = monthOf(now);
  const current = spend?.month === month ? spend : { month, amount: 0, taskIds: [] };
  if (current.taskIds.includes(taskId)) return current;
  return { month, amount: current.amount + cost.amount, currency: cost.currency ?? current.currency, taskIds: [...current.taskIds, taskId] };
}

/** This month's spend, or undefined when none is recorded for it. */
export function spendThisMonth(spend: MonthlySpend | undefined, now: number): MonthlySpend | undefined {
  return spend?.month === monthOf(now) ? spend : undefined;
}

/** Binary floating point noise (0.30000000000000004) is not shown; credits can be fractional. */
export function formatAmount(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** "0.126 credits", in the display language when the unit is the service's credits. */
export function formatCredits(amount: number, currency?: string): string {
  return !currency || /^credits?$/i.test(currency) ? t('{0} credits', formatAmount(amount)) : `${formatAmount(amount)} ${currency}`;
}

/** "about 0.126 credits per image, 12 images", or that the price is not known yet. */
export function priceEstimate(price: ImagePrice | undefined, images: number): string {
  if (!price) return images === 1 ? t('price not known yet, 1 image') : t('price not known yet, {0} images', images);
  const each = formatCredits(price.amount, price.currency);
  if (images === 1) return t('about {0} per image, 1 image', each);
  return t('about {0} per image, {1} images (about {2} in all)', each, images, formatCredits(price.amount * images, price.currency));
}

/** The sentence every confirmation that bills carries. */
export function expectedPriceLine(price: ImagePrice | undefined, images: number): string {
  return t('Expected price: {0}.', priceEstimate(price, images));
}
