// A downloaded result cut to the job's exact size in the scratch folder, before it is stamped and saved:
// the file that appears in the workspace already has the size the user asked for. A paid image is never
// lost to this step: one that cannot be cut is saved as delivered, and the user is told.
import * as vscode from 'vscode';
import { readFile, writeFile } from 'node:fs/promises';
import type { DownloadedImage } from '../api/download';
import { ImageWorkError } from '../core/imageWork';
import { formatPixelSize, type PixelSize } from '../core/pixelSize';
import type { ImageWorkers } from '../services/imageWorkers';

export interface CutResult {
  file: DownloadedImage;
  /** Said with the saved file: it was enlarged, or could not be cut at all. */
  warning?: string;
}

export async function cutToExactSize(file: DownloadedImage, size: PixelSize, images: ImageWorkers, signal: AbortSignal): Promise<CutResult> {
  const wanted = formatPixelSize(size);
  const delivered = file.width && file.height ? formatPixelSize({ width: file.width, height: file.height }) : '?';
  try {
    const cut = await images.run({ op: 'cutToSize', bytes: await readFile(file.path), size }, signal);
    await writeFile(file.path, cut.bytes);
    const warning = cut.upscaledFrom
      ? vscode.l10n.t('The image was enlarged to {0} from a {1} crop: the service returned {2}, smaller than that size needs, so it is less sharp.', wanted, formatPixelSize(cut.upscaledFrom), delivered)
      : undefined;
    return { file: { ...file, bytes: cut.bytes.length, width: cut.width, height: cut.height }, warning };
  } catch (error) {
    if (signal.aborted || !(error instanceof ImageWorkError)) throw error;
    return { file, warning: vscode.l10n.t('The image could not be cut to {0} ({1}); it was saved as the service delivered it, {2}.', wanted, error.message, delivered) };
  }
}
