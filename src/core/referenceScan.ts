// The missing images of many documents at once (a whole workspace): each document read and scanned, each
// referenced file looked up once however many documents name it. Free of vscode: reading and looking up
// are handed in, so the same code runs on workspace.fs in the extension and on node:fs in the benchmark.
import { posix } from 'node:path';
import { findImageReferences, type ImageReference, type ReferenceLanguage } from './imageReferences';
import { resolveReferencePath } from './missingImage';

export interface ScanDocument {
  /** Absolute POSIX path (`Uri.path`) of the document. */
  path: string;
  language: ReferenceLanguage;
  /** Its workspace folder's path: a leading `/` in a reference is relative to it, and nothing may leave it. */
  root: string;
}

export interface ScanIo {
  read(path: string): Promise<string>;
  /** Whether `file` exists; `document` names it, and lives on the same file system. */
  exists(file: string, document: string): Promise<boolean>;
}

/** A reference to a file that does not exist, found in `document`. */
export interface FoundReference {
  document: string;
  reference: ImageReference;
  /** The absolute POSIX path the reference names. */
  file: string;
  /** Set when the file lies outside the workspace folder: it is then not generated. */
  error?: string;
}

export interface ScanResult {
  /** Missing files, each once: with the first document (by path) and reference that names it. */
  missing: FoundReference[];
  /** Later references to a file in `missing`, from other documents: they follow it if it is renamed. */
  alsoReferenced: FoundReference[];
  /** References that leave the workspace folder. */
  outside: FoundReference[];
  /** Documents that could not be read, with the reason. */
  unreadable: Array<{ path: string; reason: string }>;
}

/** Documents read at once; more only queue up in the file system. */
const PARALLEL_READS = 8;
const PARALLEL_LOOKUPS = 16;
/** Longest run of parsing without giving the event loop a turn, so the extension host stays responsive. */
const SLICE_MS = 8;

export async function scanForMissing(documents: readonly ScanDocument[], io: ScanIo): Promise<ScanResult> {
  const sorted = [...documents].sort((a, b) => a.path.localeCompare(b.path));
  const unreadable: ScanResult['unreadable'] = [];
  const perDocument: FoundReference[][] = new Array(sorted.length);
  const yielder = sliceYielder();
  await eachInParallel(sorted, PARALLEL_READS, async (document, index) => {
    let text: string;
    try {
      text = await io.read(document.path);
    } catch (error) {
      unreadable.push({ path: document.path, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    await yielder();
    perDocument[index] = referencedFiles(document, text);
  });

  const candidates = perDocument.flat();
  const namedBy = new Map<string, string>();
  for (const found of candidates) if (!found.error && !namedBy.has(found.file)) namedBy.set(found.file, found.document);
  const absent = new Set<string>();
  await eachInParallel([...namedBy], PARALLEL_LOOKUPS, async ([file, document]) => {
    if (!(await io.exists(file, document))) absent.add(file);
  });

  const result: ScanResult = { missing: [], alsoReferenced: [], outside: [], unreadable };
  const claimed = new Set<string>();
  for (const found of candidates) {
    if (found.error) result.outside.push(found);
    else if (!absent.has(found.file)) continue;
    else if (claimed.has(found.file)) result.alsoReferenced.push(found);
    else {
      claimed.add(found.file);
      result.missing.push(found);
    }
  }
  return result;
}

/** The files a document's references name, each once (its first reference), in document order. */
function referencedFiles(document: ScanDocument, text: string): FoundReference[] {
  const byFile = new Map<string, FoundReference>();
  for (const reference of findImageReferences(text, document.language)) {
    const resolved = resolveReferencePath(posix.dirname(document.path), document.root, reference.path);
    if (!byFile.has(resolved.path)) byFile.set(resolved.path, { document: document.path, reference, file: resolved.path, error: resolved.error });
  }
  return [...byFile.values()];
}

async function eachInParallel<T>(items: readonly T[], parallel: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

/**
 * Awaiting a read that is already resolved (an open document's text) gives no other task a turn: this
 * does, once parsing has run for a few milliseconds.
 */
function sliceYielder(): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  };
}
