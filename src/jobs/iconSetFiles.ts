// The files of an icon set, cut from one saved square image: each PNG (those inside the .ico too)
// carries the source's provenance record, and no existing file is overwritten. Run by the engine as the
// job's completion, so a job resumed after a reload is cut too. A cut that fails keeps the paid image.
import * as vscode from 'vscode';
import { posix } from 'node:path';
import { writeIco } from '../core/icoContainer';
import { allIconSizes, type IconFile } from '../core/iconSet';
import { embedProvenance, type Provenance } from '../core/provenance';
import { ImageWorkError } from '../core/imageWork';
import type { JobRecord } from '../model/job';
import type { ImageWorkers } from '../services/imageWorkers';
import type { Log } from '../services/log';
import type { IconsCut } from './jobSpec';
import { saveBytesIntoFolder } from './saveToWorkspace';
import { provenanceOf } from './stampProvenance';

interface SavedIcon {
  uri: vscode.Uri;
  /** The name it was saved under: the asked one, or with `-2` when that was taken. */
  savedName: string;
  sizes: number[];
}

/** Generate Icon Set's completion action: the icon files cut from the job's first image, beside it. */
export async function cutIconSet(job: JobRecord, files: readonly IconFile[], images: ImageWorkers, log: Log): Promise<IconsCut> {
  const source = vscode.Uri.parse(job.images[0].uri, true);
  const folder = vscode.Uri.parse(job.targetFolder, true);
  try {
    const saved = await writeIconSet(source, files, folder, provenanceOf(job, job.taskId ?? ''), images);
    log.info(`icon set saved in ${folder.toString(true)}: ${saved.map((icon) => icon.savedName).join(', ')}`);
    return { saved: saved.map(({ savedName, sizes }) => ({ savedName, sizes })), folder: vscode.workspace.asRelativePath(folder, false) };
  } catch (error) {
    log.error('the icon set could not be cut', error);
    const reason = error instanceof ImageWorkError && error.undecodable ? vscode.l10n.t('its type or content cannot be read') : error instanceof Error ? error.message : String(error);
    return { error: reason, source: job.images[0].label };
  }
}

async function writeIconSet(source: vscode.Uri, files: readonly IconFile[], folder: vscode.Uri, record: Provenance, images: ImageWorkers): Promise<SavedIcon[]> {
  const bytes = await vscode.workspace.fs.readFile(source);
  const icons = await images.run({ op: 'cutIcons', bytes, sizes: allIconSizes(files) });
  const stamped = new Map(icons.map((icon) => [icon.size, withProvenance(icon.png, record)]));
  const pngOf = (size: number) => stamped.get(size) ?? new Uint8Array();
  const saved: SavedIcon[] = [];
  for (const file of files) {
    const extension = posix.extname(file.fileName).slice(1);
    const content = extension.toLowerCase() === 'ico' ? writeIco(file.sizes.map((size) => ({ size, png: pngOf(size) }))) : pngOf(file.sizes[0]);
    const uri = await saveBytesIntoFolder(content, folder, file.fileName.slice(0, -extension.length - 1), extension);
    saved.push({ uri, savedName: posix.basename(uri.path), sizes: file.sizes });
  }
  return saved;
}

function withProvenance(png: Uint8Array, record: Provenance): Uint8Array {
  const parts = embedProvenance(png, record);
  return parts ? Buffer.concat(parts) : png;
}
