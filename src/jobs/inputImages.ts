// An edit's input images, read through `workspace.fs` and checked before anything is sent: each must be
// a real image file of at most 10 MB. Shared by Edit Image and the edit tool.
import * as vscode from 'vscode';
import { assertInputImageSize, imageDataUri, InputImageError } from '../core/dataUri';

/** Data URIs of every input, in order; throws an InputImageError naming the first file that cannot be sent. */
export async function readInputImages(images: vscode.Uri[]): Promise<string[]> {
  const urls: string[] = [];
  for (const image of images) {
    const name = vscode.workspace.asRelativePath(image, false);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(image);
    } catch {
      throw new InputImageError(name, vscode.l10n.t('"{0}" does not exist.', name));
    }
    if (stat.type & vscode.FileType.Directory) throw new InputImageError(name, vscode.l10n.t('"{0}" is a folder, not an image.', name));
    assertInputImageSize(stat.size, name);
    try {
      urls.push(imageDataUri(await vscode.workspace.fs.readFile(image), name));
    } catch (error) {
      if (error instanceof InputImageError) throw error;
      throw new InputImageError(name, vscode.l10n.t('"{0}" could not be read: {1}', name, (error as Error).message));
    }
  }
  return urls;
}
