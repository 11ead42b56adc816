// Writes the provenance record into a downloaded image while it is still in the scratch folder, so the
// file that appears in the workspace already carries it and no half-stamped file is ever visible.
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { embedProvenance, type Provenance } from '../core/provenance';
import type { JobRecord } from './job';

/** What the image itself says about its job. */
export function provenanceOf(job: JobRecord, taskId: string): Provenance {
  return {
    prompt: job.prompt,
    model: job.options.model,
    taskId,
    action: job.action,
    ...(job.options.aspectRatio && { aspectRatio: job.options.aspectRatio }),
    resolution: job.options.resolution,
    createdAt: new Date(job.createdAt).toISOString(),
  };
}

/**
 * Rewrites `path` with the record in it and returns its new size, or undefined when the format carries
 * none (WebP, GIF: the file is left alone). The stamped copy is written beside it and renamed over it,
 * so on any failure the original is still there, unchanged.
 */
export async function stampImageFile(path: string, record: Provenance): Promise<number | undefined> {
  // Read whole, once: a result is at most 64 MB (the download cap), and the parts written below are
  // views into this one buffer around the new metadata, so memory holds a single copy of the image.
  const bytes = await readFile(path);
  const parts = embedProvenance(bytes, record);
  if (!parts) return undefined;
  const stamped = `${path}.stamped`;
  try {
    await writeFile(stamped, parts, { flag: 'wx' });
    await rename(stamped, path);
  } catch (error) {
    await rm(stamped, { force: true });
    throw error;
  }
  return parts.reduce((total, part) => total + part.length, 0);
}
