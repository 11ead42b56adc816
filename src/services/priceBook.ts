// The costs finished tasks reported, remembered: the last price per image of each model and resolution
// (in global state: the account's prices do not depend on the folder open), and what this workspace spent
// this month (in its workspace state). Stored values are checked when read, as state may be hand-edited.
import type * as vscode from 'vscode';
import { perImagePrice, priceKey, spendThisMonth, withSpend, type ImagePrice, type MonthlySpend } from '../core/price';
import type { JobCost } from '../model/job';

const PRICES_KEY = 'nanoBanana.imagePrices';
const SPEND_KEY = 'nanoBanana.monthlySpend';

export interface BilledTask {
  taskId: string;
  model: string;
  resolution: string;
  cost?: JobCost;
  /** How many images the task delivered, which is what the service bills. */
  images: number;
}

export class PriceBook {
  constructor(
    private readonly global: vscode.Memento,
    private readonly workspace: vscode.Memento,
  ) {}

  /** The last reported price of one image of `model` at `resolution`. */
  priceFor(model: string, resolution: string): ImagePrice | undefined {
    const price = this.prices()[priceKey(model, resolution)];
    return isPrice(price) ? price : undefined;
  }

  /** This workspace's spend in the current month, when any task reported a cost in it. */
  spentThisMonth(now = Date.now()): MonthlySpend | undefined {
    return spendThisMonth(this.spend(), now);
  }

  /** Notes a finished task's cost. A failed write only loses an estimate: the job itself is unaffected. */
  async record(task: BilledTask, now = Date.now()): Promise<void> {
    const price = perImagePrice(task.cost, task.images, now);
    if (price) await this.global.update(PRICES_KEY, { ...this.prices(), [priceKey(task.model, task.resolution)]: price });
    const before = this.spend();
    const after = withSpend(before, task.taskId, task.cost, now);
    if (after !== before) await this.workspace.update(SPEND_KEY, after);
  }

  private prices(): Record<string, unknown> {
    const stored = this.global.get<unknown>(PRICES_KEY);
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  }

  private spend(): MonthlySpend | undefined {
    const stored = this.workspace.get<Partial<MonthlySpend>>(SPEND_KEY);
    const valid = typeof stored?.month === 'string' && isAmount(stored.amount) && Array.isArray(stored.taskIds);
    return valid ? (stored as MonthlySpend) : undefined;
  }
}

function isAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isPrice(value: unknown): value is ImagePrice {
  const price = value as Partial<ImagePrice> | undefined;
  return isAmount(price?.amount) && typeof price.at === 'number' && (price.currency === undefined || typeof price.currency === 'string');
}
