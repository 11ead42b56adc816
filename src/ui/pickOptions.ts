// Options in one quick pick: the first item accepts everything as pre-selected, so a single Enter
// goes on; the other items open a sub-pick for one option and come back.
import * as vscode from 'vscode';
import type { JobAction, JobOptions } from '../model/job';
import { withExactSize } from '../core/exactSize';
import { ASPECT_RATIOS, describeOptions, fitResolution, knownModels, supportedResolutions } from '../core/options';
import { formatPixelSize } from '../core/pixelSize';
import { pickExactSize } from './pickExactSize';

type Field = 'model' | 'aspectRatio' | 'resolution' | 'count' | 'exactSize';
interface SummaryItem extends vscode.QuickPickItem { field?: Field; toggleStyle?: true }

/** What the list shows beside the options themselves. */
export interface OptionsContext {
  /** The expected price of a run with these options, already worded ("about 2 credits per image, 3 images"). */
  price(options: JobOptions): string;
  /** The project style in a few words, when one is set: the list shows it and lets one run go without it. */
  style?: string;
}

export async function pickOptions(title: string, action: JobAction, initial: JobOptions, context?: OptionsContext): Promise<JobOptions | undefined> {
  let options = { ...initial };
  for (;;) {
    const accept: SummaryItem = { label: `$(check) ${action === 'edit' ? vscode.l10n.t('Edit') : vscode.l10n.t('Generate')}`, description: describeOptions(options), detail: context?.price(options) };
    const items: SummaryItem[] = [
      accept,
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      { label: vscode.l10n.t('Model'), description: options.model, field: 'model' },
      { label: vscode.l10n.t('Aspect ratio'), description: options.aspectRatio ?? vscode.l10n.t('same as the input image'), field: 'aspectRatio' },
      { label: vscode.l10n.t('Resolution'), description: options.resolution, field: 'resolution' },
      { label: vscode.l10n.t('Count'), description: String(options.count), field: 'count' },
      { label: vscode.l10n.t('Exact size'), description: options.exactSize ? formatPixelSize(options.exactSize) : vscode.l10n.t('off: as the service makes it'), field: 'exactSize' },
      ...(context?.style ? [{ label: vscode.l10n.t('Style'), description: options.noStyle ? vscode.l10n.t('off for this run') : context.style, toggleStyle: true as const }] : []),
    ];
    const choice = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: vscode.l10n.t('Press Enter to accept these options, or pick one to change it'),
      ignoreFocusOut: true,
    });
    if (!choice) return undefined;
    if (choice.toggleStyle) {
      options = { ...options, noStyle: options.noStyle ? undefined : true };
      continue;
    }
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
      const known = knownModels().map((model) => ({ label: model.id, description: model.description }));
      if (!known.some((item) => item.label === options.model)) known.unshift({ label: options.model, description: vscode.l10n.t('from your settings') });
      const choice = await pick(known, options.model, vscode.l10n.t('Model'));
      return choice && withExactSize({ ...options, model: choice.label, resolution: fitResolution(choice.label, options.resolution) }, options.exactSize);
    }
    case 'aspectRatio': {
      const KEEP = vscode.l10n.t('Same as the input image');
      const ratios: vscode.QuickPickItem[] = ASPECT_RATIOS.map((ratio) => ({ label: ratio }));
      if (action === 'edit') ratios.unshift({ label: KEEP, description: vscode.l10n.t('the service keeps the first image\'s ratio') });
      const choice = await pick(ratios, options.aspectRatio ?? KEEP, vscode.l10n.t('Aspect ratio (width:height)'));
      // A ratio of its own replaces an exact size, which chose the ratio.
      return choice && withExactSize({ ...options, aspectRatio: choice.label === KEEP ? undefined : choice.label }, undefined);
    }
    case 'resolution': {
      const sizes: Record<string, string> = { '1K': vscode.l10n.t('1024 px on the long side'), '2K': vscode.l10n.t('2048 px'), '4K': vscode.l10n.t('4096 px') };
      const items = supportedResolutions(options.model).map((resolution) => ({ label: resolution, description: sizes[resolution] }));
      const choice = await pick(items, options.resolution, vscode.l10n.t('Resolution ({0} supports {1})', options.model, items.map((i) => i.label).join(', ')));
      // With an exact size, a resolution too small for it is raised again.
      return choice && withExactSize({ ...options, resolution: choice.label }, options.exactSize);
    }
    case 'count': {
      const items = [1, 2, 3, 4].map((count) => ({ label: String(count), description: count === 1 ? vscode.l10n.t('image') : vscode.l10n.t('images, each billed separately') }));
      const choice = await pick(items, String(options.count), vscode.l10n.t('How many images'));
      return choice && { ...options, count: Number(choice.label) };
    }
    case 'exactSize': {
      const size = await pickExactSize(options.exactSize);
      return size && withExactSize(options, size === 'off' ? undefined : size);
    }
  }
}
