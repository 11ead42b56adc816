// An edit's input images, read through `workspace.fs` and checked before anything is sent. One over the
// service's limits or larger than the models use (over 10 MB, or over 4096 px on its long side) is sent
// as a smaller copy made by the image worker, keeping its aspect; the file itself is never changed.
// Shared by Edit Image and the edit tool.
import * as vscode from 'vscode';
import { imageDataUri, InputImageError, MAX_INPUT_IMAGE_BYTES } from '../core/dataUri';
import { ImageWorkError } from '../core/imageWork';
import { imageSize, sniffImageType } from '../core/imageType';
import { formatPixelSize } from '../core/pixelSize';
import { assertInsideWorkspace, LinkOutsideError } from '../services/containment';
import type { ImageWorkers } from '../services/imageWorkers';
import type { JobProgress, PreparedInputs } from './jobSpec';

/** The long side above which a copy is sent: what the 4K models work at. */
const MAX_INPUT_LONG_SIDE = 4096;
/** A larger file is not read at all: no phone or camera photo comes close. */
const MAX_READABLE_BYTES = 200 * 1024 * 1024;

interface Inspected {
  name: string;
  bytes: Uint8Array;
  /** Over a limit: a smaller copy is sent instead. */
  needsCopy: boolean;
}

/** Throws an InputImageError naming the first input that cannot be sent, even as a copy; reads nothing else. */
export async function checkInputImages(images: vscode.Uri[]): Promise<void> {
  for (const image of images) await inspect(image);
}

/** Data URIs of every input, making smaller copies where needed; throws an InputImageError, and then nothing is sent. */
export async function readInputImages(images: vscode.Uri[], workers: ImageWorkers, { signal, report }: JobProgress): Promise<PreparedInputs> {
  const prepared: PreparedInputs = { urls: [], notes: [] };
  for (const image of images) {
    const { name, bytes, needsCopy } = await inspect(image);
    if (!needsCopy) {
      prepared.urls.push(imageDataUri(bytes, name));
      continue;
    }
    report(vscode.l10n.t('Making a smaller copy of {0} to send ({1} MB)…', name, megabytes(bytes.length)));
    const copy = await workers.run({ op: 'prepareForUpload', bytes }, signal).catch((error: unknown) => {
      throw undecodable(name, error);
    });
    prepared.urls.push(`data:${copy.mime};base64,${Buffer.from(copy.bytes.buffer, copy.bytes.byteOffset, copy.bytes.byteLength).toString('base64')}`);
    prepared.notes.push(vscode.l10n.t('sending a {0} copy of {1} ({2} MB)', formatPixelSize(copy), name, megabytes(copy.bytes.length)));
  }
  return prepared;
}

async function inspect(image: vscode.Uri): Promise<Inspected> {
  const name = vscode.workspace.asRelativePath(image, false);
  await assertInsideWorkspace(image).catch((error: unknown) => {
    throw error instanceof LinkOutsideError ? new InputImageError(name, error.message) : error;
  });
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(image);
  } catch {
    throw new InputImageError(name, vscode.l10n.t('"{0}" does not exist.', name));
  }
  if (stat.type & vscode.FileType.Directory) throw new InputImageError(name, vscode.l10n.t('"{0}" is a folder, not an image.', name));
  if (stat.size > MAX_READABLE_BYTES) throw new InputImageError(name, vscode.l10n.t('"{0}" is {1} MB, too large to prepare for sending. Resize it first.', name, megabytes(stat.size)));
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(image);
  } catch (error) {
    throw new InputImageError(name, vscode.l10n.t('"{0}" could not be read: {1}', name, (error as Error).message));
  }
  const type = sniffImageType(bytes);
  if (!type) throw new InputImageError(name, vscode.l10n.t('"{0}" is not a PNG, JPEG, WebP or GIF image, so it cannot be edited.', name));
  const size = imageSize(bytes);
  const needsCopy = bytes.length > MAX_INPUT_IMAGE_BYTES || (!!size && Math.max(size.width, size.height) > MAX_INPUT_LONG_SIDE);
  if (!needsCopy) return { name, bytes, needsCopy };
  if (type.extension !== 'png' && type.extension !== 'jpg') {
    throw new InputImageError(name, vscode.l10n.t('"{0}" is a {1} image over 10 MB or 4096 px; only PNG and JPEG images can be sent as a smaller copy. Convert or resize it first.', name, type.extension.toUpperCase()));
  }
  return { name, bytes, needsCopy: true };
}

function undecodable(name: string, error: unknown): unknown {
  if (!(error instanceof ImageWorkError)) return error;
  const reason = error.undecodable === 'damaged' ? vscode.l10n.t('the file is damaged, or a CMYK JPEG') : error.message;
  return new InputImageError(name, vscode.l10n.t('"{0}" could not be decoded ({1}), so no smaller copy could be made. Save it as an RGB PNG or JPEG first. Nothing was sent.', name, reason));
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
