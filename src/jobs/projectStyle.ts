// The project style of the settings, made ready to send: the text, and each style image checked and read
// before anything is sent. A style image must be an image file inside the workspace, told by its bytes and
// within the service's input limit; anything else is refused with a message naming the setting.
import * as vscode from 'vscode';
import { assertInputImageSize, imageDataUri, InputImageError } from '../core/dataUri';
import { sniffImageType } from '../core/imageType';
import { MAX_STYLE_IMAGES, styleImageEntries, styleImagePath } from '../core/style';
import { assertInsideWorkspace } from '../services/containment';
import { readSettings } from '../services/settings';

export interface StyleImage {
  uri: vscode.Uri;
  /** Workspace-relative path, as the setting names it. */
  label: string;
  dataUri: string;
}

export interface AppliedStyle {
  text?: string;
  images: StyleImage[];
}

const SETTING = 'nanoBanana.styleImages';

/** The style for work in `scope`'s workspace folder, or undefined when none is set; throws InputImageError when one cannot be sent. */
export async function loadProjectStyle(scope?: vscode.Uri): Promise<AppliedStyle | undefined> {
  const settings = readSettings(scope);
  const entries = styleImageEntries(settings.styleImages);
  if (!settings.style && entries.length === 0) return undefined;
  if (entries.length > MAX_STYLE_IMAGES) refuse(vscode.l10n.t('it lists {0} images, and at most {1} are sent.', entries.length, MAX_STYLE_IMAGES));
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  if (entries.length > 0 && !folder) refuse(vscode.l10n.t('its paths are relative to the workspace folder, and no folder is open.'));
  const images: StyleImage[] = [];
  for (const entry of entries) images.push(await styleImage(folder as vscode.WorkspaceFolder, entry));
  return { ...(settings.style ? { text: settings.style } : {}), images };
}

async function styleImage(folder: vscode.WorkspaceFolder, entry: unknown): Promise<StyleImage> {
  const resolved = styleImagePath(folder.uri.path, entry);
  if ('error' in resolved) refuse(resolved.error);
  const uri = folder.uri.with({ path: resolved.path });
  const label = vscode.workspace.asRelativePath(uri, false);
  await assertInsideWorkspace(uri).catch((error: unknown) => refuse(error instanceof Error ? error.message : String(error)));
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    refuse(vscode.l10n.t('"{0}" does not exist.', label));
  }
  // A link inside the workspace can point anywhere on the disk: only the workspace's own files are sent.
  if (stat.type & vscode.FileType.SymbolicLink) refuse(vscode.l10n.t('"{0}" is a link; only image files inside the workspace are sent.', label));
  if (stat.type & vscode.FileType.Directory) refuse(vscode.l10n.t('"{0}" is a folder, not an image.', label));
  try {
    assertInputImageSize(stat.size, label);
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (!sniffImageType(bytes)) refuse(vscode.l10n.t('"{0}" is not a PNG, JPEG, WebP or GIF image.', label));
    return { uri, label, dataUri: imageDataUri(bytes, label) };
  } catch (error) {
    if (error instanceof InputImageError && error.fileName === SETTING) throw error;
    refuse(error instanceof Error ? error.message : String(error));
  }
}

function refuse(reason: string): never {
  throw new InputImageError(SETTING, vscode.l10n.t('The setting {0} cannot be used: {1} Fix the setting, or turn the style off for one run in the options list. Nothing was sent.', SETTING, reason));
}
