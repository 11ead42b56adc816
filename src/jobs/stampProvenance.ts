// Writes the provenance record into a downloaded image while it is still in the scratch folder, so the
// file that appears in the workspace already carries it and no half-stamped file is ever visible.
import { open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { embedProvenance, embedProvenanceInHead, type Provenance } from '../core/provenance';
import type { JobRecord } from '../model/job';

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
    ...(job.style?.text && { style: job.style.text }),
    ...(job.style?.images?.length && { styleImages: job.style.images }),
  };
}

/** A PNG's chunks or a JPEG's segments before the image data are far smaller than this. */
const HEAD_BYTES = 1 << 20;
const TAIL_BYTES = 12;

/**
 * Rewrites `path` with the record in it and returns its new size, or undefined when the format carries
 * none (WebP, GIF: the file is left alone). The stamped copy is written beside it and renamed over it,
 * so on any failure the original is still there, unchanged.
 */
export async function stampImageFile(path: string, record: Provenance): Promise<number | undefined> {
  const { head, tail, size } = await readEnds(path);
  if (size > HEAD_BYTES) {
    // A large image (up to the 64 MB download cap) is never held whole: its head is rewritten, the rest copied through.
    const plan = headPlan(head, tail, record);
    if (plan === undefined) return undefined;
    if (plan !== 'whole') {
      await replaceWith(path, plan.parts, { resumeAt: plan.resumeAt });
      return byteLength(plan.parts) + size - plan.resumeAt;
    }
  }
  const bytes = size > HEAD_BYTES ? await readFile(path) : head;
  const parts = embedProvenance(bytes, record);
  if (!parts) return undefined;
  await replaceWith(path, parts);
  return byteLength(parts);
}

/** Undefined when the format carries no record; 'whole' when only the whole file can tell (an odd layout, or a damaged one). */
function headPlan(head: Uint8Array, tail: Uint8Array, record: Provenance): { parts: Uint8Array[]; resumeAt: number } | undefined | 'whole' {
  try {
    return embedProvenanceInHead(head, tail, record);
  } catch {
    return 'whole';
  }
}

async function readEnds(path: string): Promise<{ head: Uint8Array; tail: Uint8Array; size: number }> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await file.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    return { head: await read(0, Math.min(size, HEAD_BYTES)), tail: await read(Math.max(0, size - TAIL_BYTES), Math.min(size, TAIL_BYTES)), size };
  } finally {
    await file.close();
  }
}

/** Writes `parts`, then (when given) the source file from `resumeAt` on, beside `path`, and renames it over `path`. */
async function replaceWith(path: string, parts: Uint8Array[], rest?: { resumeAt: number }): Promise<void> {
  const stamped = `${path}.stamped`;
  try {
    const out = await open(stamped, 'wx');
    try {
      for (const part of parts) await out.write(part);
      if (rest) await copyFrom(path, rest.resumeAt, out);
    } finally {
      await out.close();
    }
    await rename(stamped, path);
  } catch (error) {
    await rm(stamped, { force: true });
    throw error;
  }
}

/** One buffer, reused: a stream would leave each chunk as garbage for the collector, tens of MB per image. */
async function copyFrom(path: string, position: number, out: FileHandle): Promise<void> {
  const source = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (let at = position; ; ) {
      const { bytesRead } = await source.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) return;
      await out.write(buffer, 0, bytesRead);
      at += bytesRead;
    }
  } finally {
    await source.close();
  }
}

const byteLength = (parts: Uint8Array[]) => parts.reduce((total, part) => total + part.length, 0);
