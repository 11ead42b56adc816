// What a confirmation of missing images says is billed: the options from the settings, how many images,
// the expected price, which of those choices this workspace's settings (not the user) made, and the style.
import * as vscode from 'vscode';
import { optionsForReference } from '../core/missingImage';
import { expectedPriceLine } from '../core/price';
import { styleImageEntries, styleSummary } from '../core/style';
import type { Settings } from '../services/settings';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

export function billedLines(deps: FrontDoorDeps, settings: Settings, references: number): string[] {
  const { model, resolution, count } = optionsForReference(settings, undefined);
  const billed = vscode.l10n.t('Billed: {0} per reference, {1} in all; model {2}, resolution {3}.', count, count * references, model, resolution);
  const price = expectedPriceLine(deps.prices.priceFor(model, resolution), count * references);
  const fromWorkspace = settings.costSetByWorkspace.length
    ? [vscode.l10n.t('This workspace\'s settings chose: {0}.', settings.costSetByWorkspace.map((key) => `nanoBanana.${key}`).join(', '))]
    : [];
  const style = styleSummary(settings.style, styleImageEntries(settings.styleImages).map(String));
  return [billed, price, ...fromWorkspace, ...(style ? [vscode.l10n.t('Style: {0}', style)] : [])];
}
