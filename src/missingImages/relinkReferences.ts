// When a referenced image had to be saved under another name (the service sent a JPEG for a `.png`
// reference, or the name was taken meanwhile), the document's references are renamed to match.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { renamedTarget } from '../core/missingImage';
import type { ReferencedFile } from '../jobs/pendingJobs';
import { applyAndSave, withDocument } from '../markdown/documentEdits';
import { referencedFile, referencesOf } from '../markdown/documentReferences';

/**
 * Renames every reference of `target.document` to the referenced file so it names `saved` instead;
 * returns how many. The document is parsed again now, since it may have been edited while the job ran.
 */
export function relinkReferences(target: ReferencedFile, folder: vscode.Uri, saved: vscode.Uri): Promise<number> {
  const referenced = vscode.Uri.joinPath(folder, target.fileName).toString();
  if (referenced === saved.toString()) return Promise.resolve(0);
  return withDocument(target.document, (document) => rename(document, referenced, saved));
}

async function rename(document: vscode.TextDocument, referenced: string, saved: vscode.Uri): Promise<number> {
  const edit = new vscode.WorkspaceEdit();
  const renamed = new Set<number>();
  for (const reference of referencesOf(document)) {
    // Reference-style images share their definition's target: rename it once.
    if (renamed.has(reference.targetStart)) continue;
    if (referencedFile(document, reference.path)?.file.toString() !== referenced) continue;
    const range = new vscode.Range(document.positionAt(reference.targetStart), document.positionAt(reference.targetEnd));
    edit.replace(document.uri, range, renamedTarget(reference.rawTarget, posix.basename(reference.path.replace(/\\/g, '/')), posix.basename(saved.path)));
    renamed.add(reference.targetStart);
  }
  if (renamed.size === 0 || !(await applyAndSave(document, edit))) return 0;
  return renamed.size;
}
