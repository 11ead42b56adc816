import type { JobAction, JobOptions } from '../model/job';
import { initialOptions } from '../core/options';
import { expectedPriceLine } from '../core/price';
import { readSettings } from '../services/settings';
import { pickOptions } from '../ui/pickOptions';
import type { CommandDeps } from './commandDeps';

/**
 * The options for a run: asked (pre-selected) or straight from the settings; undefined on Escape. Never
 * straight when a workspace's settings chose the model, resolution or count: the user sees what is billed.
 */
export async function chooseOptions(deps: CommandDeps, action: JobAction, title: string, preset?: JobOptions): Promise<JobOptions | undefined> {
  const settings = readSettings();
  const initial = preset ?? initialOptions(action, settings, deps.lastOptions.get(action));
  const ask = settings.askForOptions || settings.costSetByWorkspace.length > 0;
  const price = (chosen: JobOptions) => expectedPriceLine(deps.prices.priceFor(chosen.model, chosen.resolution), chosen.count);
  const options = ask ? await pickOptions(title, action, initial, { price }) : initial;
  if (options) deps.lastOptions.set(action, options);
  return options;
}
