// The exact size of the options list: the common sizes of the web one pick away, any other typed in.
import * as vscode from 'vscode';
import { formatPixelSize, parsePixelSize, type PixelSize } from '../core/pixelSize';

interface SizeItem extends vscode.QuickPickItem {
  size?: PixelSize;
  off?: true;
  typed?: true;
}

/** The sizes asked for most: the social card (og:image), full HD, the square and story posts, a wide banner. */
function presets(): SizeItem[] {
  const preset = (width: number, height: number, description: string): SizeItem => ({ label: formatPixelSize({ width, height }), description, size: { width, height } });
  return [
    preset(1200, 630, vscode.l10n.t('social card (og:image)')),
    preset(1920, 1080, vscode.l10n.t('full HD, 16:9')),
    preset(1080, 1080, vscode.l10n.t('square post')),
    preset(1080, 1920, vscode.l10n.t('story, 9:16')),
    preset(1600, 900, vscode.l10n.t('wide banner')),
    preset(512, 512, vscode.l10n.t('app icon')),
  ];
}

/** A size, 'off' to go back to the ratio and resolution, or undefined on Escape. */
export async function pickExactSize(current: PixelSize | undefined): Promise<PixelSize | 'off' | undefined> {
  const items: SizeItem[] = [
    ...(current ? [{ label: vscode.l10n.t('Off'), description: vscode.l10n.t('the size the ratio and resolution give'), off: true as const }] : []),
    ...presets(),
    { label: vscode.l10n.t('Type a size…'), description: vscode.l10n.t('width × height in pixels, up to 8192'), typed: true },
  ];
  const choice = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Exact size: the result is cropped to its ratio and resized to it'), ignoreFocusOut: true });
  if (!choice) return undefined;
  if (choice.off) return 'off';
  if (choice.size) return choice.size;
  const typed = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('Width × height in pixels, e.g. 1200x630'),
    value: current ? formatPixelSize(current) : '',
    ignoreFocusOut: true,
    validateInput: (value) => {
      const parsed = parsePixelSize(value);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (typed === undefined) return undefined;
  const parsed = parsePixelSize(typed);
  return 'size' in parsed ? parsed.size : undefined;
}
