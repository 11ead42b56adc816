import type { JobAction, JobOptions } from '../model/job';
import { initialOptions } from '../core/options';
import { readSettings } from '../services/settings';
import { pickOptions } from '../ui/pickOptions';
import type { Services } from './services';

/** The options for a run: asked (pre-selected) or straight from the settings; undefined on Escape. */
export async function chooseOptions(services: Services, action: JobAction, title: string, preset?: JobOptions): Promise<JobOptions | undefined> {
  const settings = readSettings();
  const initial = preset ?? initialOptions(action, settings, services.lastOptions.get(action));
  const options = settings.askForOptions ? await pickOptions(title, action, initial) : initial;
  if (options) services.lastOptions.set(action, options);
  return options;
}
