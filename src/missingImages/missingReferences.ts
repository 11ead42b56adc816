// Which image references of a document name local files that do not exist, resolved as the user's
// Markdown preview or static site would resolve them.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { findImageReferences, type ImageReference, type ReferenceLanguage } from '../core/imageReferences';
import { resolveReferencePath } from '../core/missingImage';
import { exists } from '../jobs/saveToWorkspace';

export interface MissingImage {
  /** The document whose reference names the file; only its address is needed, so a scanned file need not be opened. */
  document: Pick<vscode.TextDocument, 'uri'>;
  reference: ImageReference;
  /** The file the reference names. */
  file: vscode.Uri;
  /** Set when the file lies outside the workspace folder: it is then not generated. */
  error?: string;
}

/**
 * Whether the document is a file the workspace can write next to (`file`, `vscode-remote`, `vscode-vfs`…):
 * a notebook cell, a diff's side or an output is not, and every image would look missing there.
 */
export function onWritableFileSystem(document: vscode.TextDocument): boolean {
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === true;
}

export function referenceLanguage(document: vscode.TextDocument): ReferenceLanguage | undefined {
  return document.languageId === 'markdown' || document.languageId === 'html' ? document.languageId : undefined;
}

let cached: { uri: string; version: number; references: ImageReference[] } | undefined;

/** The document's image references; the code action asks on every cursor move, so the last parse is kept. */
export function referencesOf(document: vscode.TextDocument): ImageReference[] {
  const language = referenceLanguage(document);
  if (!language) return [];
  const uri = document.uri.toString();
  if (cached?.uri !== uri || cached.version !== document.version) {
    cached = { uri, version: document.version, references: findImageReferences(document.getText(), language) };
  }
  return cached.references;
}

/**
 * The file `path` names, relative to the document, or to its workspace folder for a leading `/`
 * (its own folder when it belongs to none). Undefined for an untitled document: it has no folder.
 */
export function referencedFile(document: vscode.TextDocument, path: string): { file: vscode.Uri; error?: string } | undefined {
  if (document.isUntitled) return undefined;
  const documentFolder = posix.dirname(document.uri.path);
  const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.path ?? documentFolder;
  const resolved = resolveReferencePath(documentFolder, root, path);
  return { file: document.uri.with({ path: resolved.path, query: '', fragment: '' }), error: resolved.error };
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
