// Options in one quick pick: the first item accepts everything as pre-selected, so a single Enter
// goes on; the other items open a sub-pick for one option and come back.
import * as vscode from 'vscode';
import type { JobAction, JobOptions } from '../jobs/job';
import { ASPECT_RATIOS, describeOptions, fitResolution, KNOWN_MODELS, supportedResolutions } from '../core/options';

type Field = 'model' | 'aspectRatio' | 'resolution' | 'count';
interface SummaryItem extends vscode.QuickPickItem { field?: Field }

export async function pickOptions(title: string, action: JobAction, initial: JobOptions): Promise<JobOptions | undefined> {
  let options = { ...initial };
  for (;;) {
    const accept: SummaryItem = { label: `$(check) ${action === 'edit' ? 'Edit' : 'Generate'}`, description: describeOptions(options) };
    const items: SummaryItem[] = [
      accept,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: 'Model', description: options.model, field: 'model' },
      { label: 'Aspect ratio', description: options.aspectRatio ?? 'same as the input image', field: 'aspectRatio' },
      { label: 'Resolution', description: options.resolution, field: 'resolution' },
      { label: 'Count', description: String(options.count), field: 'count' },
    ];
    const choice = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: 'Press Enter to accept these options, or pick one to change it',
      ignoreFocusOut: true,
    });
    if (!choice) return undefined;
    if (!choice.field) return options;
    const changed = await pickField(choice.field, action, options);
    if (changed) options = changed;
  }
}

async function pickField(field: Field, action: JobAction, options: JobOptions): Promise<JobOptions | undefined> {
  const pick = (items: vscode.QuickPickItem[], current: string | undefined, placeHolder: string) => {
    const sorted = [...items.filter((item) => item.label === current), ...items.filter((item) => item.label !== current)];
    return vscode.window.showQuickPick(sorted, { placeHolder, ignoreFocusOut: true });
  };
  switch (field) {
    case 'model': {
      const known = KNOWN_MODELS.map((model) => ({ label: model.id, description: model.description }));
      if (!known.some((item) => item.label === options.model)) known.unshift({ label: options.model, description: 'from your settings' });
      const choice = await pick(known, options.model, 'Model');
      return choice && { ...options, model: choice.label, resolution: fitResolution(choice.label, options.resolution) };
    }
    case 'aspectRatio': {
      const KEEP = 'Same as the input image';
      const ratios: vscode.QuickPickItem[] = ASPECT_RATIOS.map((ratio) => ({ label: ratio }));
      if (action === 'edit') ratios.unshift({ label: KEEP, description: 'the service keeps the first image\'s ratio' });
      const choice = await pick(ratios, options.aspectRatio ?? KEEP, 'Aspect ratio (width:height)');
      return choice && { ...options, aspectRatio: choice.label === KEEP ? undefined : choice.label };
    }
    case 'resolution': {
      const sizes: Record<string, string> = { '1K': '1024 px on the long side', '2K': '2048 px', '4K': '4096 px' };
      const items = supportedResolutions(options.model).map((resolution) => ({ label: resolution, description: sizes[resolution] }));
      const choice = await pick(items, options.resolution, `Resolution (${options.model} supports ${items.map((i) => i.label).join(', ')})`);
      return choice && { ...options, resolution: choice.label };
    }
    case 'count': {
      const items = [1, 2, 3, 4].map((count) => ({ label: String(count), description: count === 1 ? 'image' : 'images, each billed separately' }));
      const choice = await pick(items, String(options.count), 'How many images');
      return choice && { ...options, count: Number(choice.label) };
    }
  }
}
