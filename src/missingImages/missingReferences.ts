// Which image references of a document name local files that do not exist.
import * as vscode from 'vscode';
import type { ImageReference } from '../core/imageReferences';
import { exists } from '../jobs/saveToWorkspace';
import { onWritableFileSystem, referencedFile, referencesOf } from '../markdown/documentReferences';

export interface MissingImage {
  /** The document whose reference names the file; only its address is needed, so a scanned file need not be opened. */
  document: Pick<vscode.TextDocument, 'uri'>;
  reference: ImageReference;
  /** The file the reference names. */
  file: vscode.Uri;
  /** Set when the file lies outside the workspace folder: it is then not generated. */
  error?: string;
}

/** The references among `references` whose file is missing, each file once (the first reference to it). */
export async function missingImages(document: vscode.TextDocument, references = referencesOf(document)): Promise<MissingImage[]> {
  if (!onWritableFileSystem(document)) return [];
  const byFile = new Map<string, MissingImage>();
  for (const reference of references) {
    const target = referencedFile(document, reference.path);
    if (target && !byFile.has(target.file.toString())) byFile.set(target.file.toString(), { document, reference, ...target });
  }
  const candidates = [...byFile.values()];
  const missing = await Promise.all(candidates.map(async (candidate) => !(await exists(candidate.file))));
  return candidates.filter((_, index) => missing[index]);
}
