// The files of an icon set, cut from one saved square image: each PNG (those inside the .ico too)
// carries the source's provenance record, and no existing file is overwritten.
import * as vscode from 'vscode';
import { posix } from 'node:path';
import { writeIco } from '../core/icoContainer';
import { allIconSizes, type IconFile } from '../core/iconSet';
import { embedProvenance, type Provenance } from '../core/provenance';
import type { ImageWorkers } from '../services/imageWorkers';
import { saveBytesIntoFolder } from './saveToWorkspace';

export interface SavedIcon {
  uri: vscode.Uri;
  /** The name it was saved under: the asked one, or with `-2` when that was taken. */
  savedName: string;
  sizes: number[];
}

export async function writeIconSet(source: vscode.Uri, files: readonly IconFile[], folder: vscode.Uri, record: Provenance, images: ImageWorkers): Promise<SavedIcon[]> {
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
