import type * as vscode from 'vscode';
import type { JobAction, JobOptions } from '../model/job';
import { initialOptions } from '../core/options';
import { expectedPriceLine } from '../core/price';
import { styleImageEntries, styleSummary } from '../core/style';
import { readSettings } from '../services/settings';
import { pickOptions } from '../ui/pickOptions';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

/**
 * The options for a run: asked (pre-selected) or straight from the settings; undefined on Escape. Never
 * straight when a workspace's settings chose the model, resolution or count: the user sees what is billed.
 * `scope` is the folder or file the job is for: in a multi-root workspace its folder's settings (and style) apply.
 */
export async function chooseOptions(deps: FrontDoorDeps, action: JobAction, title: string, preset?: JobOptions, scope?: vscode.Uri): Promise<JobOptions | undefined> {
  const settings = readSettings(scope);
  const initial = preset ?? initialOptions(action, settings, deps.lastOptions.get(action));
  const ask = settings.askForOptions || settings.costSetByWorkspace.length > 0;
  const price = (chosen: JobOptions) => expectedPriceLine(deps.prices.priceFor(chosen.model, chosen.resolution), chosen.count);
  const style = styleSummary(settings.style, styleImageEntries(settings.styleImages).map(String));
  const options = ask ? await pickOptions(title, action, initial, { price, style }) : initial;
  // Going without the style is for one run: the next one starts with it again.
  if (options) deps.lastOptions.set(action, { ...options, noStyle: undefined });
  return options;
}
