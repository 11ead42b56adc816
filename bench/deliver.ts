// The last stretch of every job, identical for all variants so the benchmark compares only how each
// one learns that a task finished: the extension's real downloader (streamed to a hidden file in a
// scratch folder, then linked to its name), its provenance stamp (the prompt record written into the
// file, streamed), then the extension's save step into the target folder.
//
// The extension does that save step with `workspace.fs` (copy under a hidden `.part` name, check the
// name is free, rename). Outside VS Code the same three calls are made with node:fs here; inside VS
// Code they go through the file service, which costs a little more per call.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { ApiConnection } from '../src/api/connection';
import { downloadImage } from '../src/api/download';
import { claimFirstFreeName } from '../src/core/naming';
import { stampImageFile } from '../src/jobs/stampProvenance';

const RECORD = { prompt: 'benchmark image', model: 'nano-banana-pro', taskId: 'bench', action: 'generate', resolution: '4K', createdAt: new Date(0).toISOString() } as const;

export interface Delivery {
  files: string[];
  /** Date.now() when the last file got its final name in the target folder. */
  savedAt: number;
}

/** How a variant downloads: the extension's connection (`ApiConnection.download`) or the downloader over an agent of its own. */
export type Download = ApiConnection['download'];

/** `apiBaseUrl`: the stand-in's API address, which decides which redirects may be followed. */
export function downloadVia(dispatcher: Dispatcher, apiBaseUrl: string): Download {
  return (url, options) => downloadImage(url, { ...options, dispatcher, apiBaseUrl });
}

export async function downloadAndSave(urls: readonly string[], download: Download, scratchRoot: string, folder: string, baseName: string): Promise<Delivery> {
  const scratch = await mkdtemp(join(scratchRoot, 'job-'));
  const files: string[] = [];
  try {
    // One image after the other, as fetchResults does.
    for (const [index, url] of urls.entries()) {
      const file = await download(url, { directory: scratch, baseName: `${index}` });
      await stampImageFile(file.path, RECORD);
      files.push(await saveIntoFolder(file.path, folder, baseName, file.type.extension));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { files, savedAt: Date.now() };
}

/** src/jobs/saveToWorkspace.ts with node:fs in place of workspace.fs (the per-folder queue is left out: names here never clash). */
export async function saveIntoFolder(localFile: string, folder: string, baseName: string, extension: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const partial = join(folder, `.${baseName}.${randomBytes(6).toString('hex')}.part`);
  try {
    await copyFile(localFile, partial, constants.COPYFILE_EXCL);
    const fileName = await claimFirstFreeName(folder, baseName, extension, async (name) => {
      if (await exists(join(folder, name))) return false;
      await rename(partial, join(folder, name));
      return true;
    });
    return join(folder, fileName);
  } finally {
    await rm(partial, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
