// The image references of an open Markdown or HTML document and the files they name, resolved as the
// user's Markdown preview or static site would resolve them.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { findImageReferences, type ImageReference, type ReferenceLanguage } from '../core/imageReferences';
import { resolveReferencePath } from '../core/missingImage';

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
