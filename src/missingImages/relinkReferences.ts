// When a referenced image had to be saved under another name (the service sent a JPEG for a `.png`
// reference, or the name was taken meanwhile), the document's references are renamed to match.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { KeyedQueue } from '../core/keyedQueue';
import { renamedTarget } from '../core/missingImage';
import type { ReferencedFile } from '../jobs/pendingJobs';
import { referencedFile, referencesOf } from './missingReferences';

/**
 * Jobs of a batch finish together: two edits of one document computed from the same text, then applied
 * and saved in turn, lose one of them. So a document's references are renamed one job at a time.
 */
const documentQueue = new KeyedQueue();

/**
 * Renames every reference of `target.document` to the referenced file so it names `saved` instead;
 * returns how many. The document is parsed again now, since it may have been edited while the job ran.
 */
export function relinkReferences(target: ReferencedFile, folder: vscode.Uri, saved: vscode.Uri): Promise<number> {
  const referenced = vscode.Uri.joinPath(folder, target.fileName).toString();
  if (referenced === saved.toString()) return Promise.resolve(0);
  return documentQueue.run(target.document, () => rename(target, referenced, saved));
}

async function rename(target: ReferencedFile, referenced: string, saved: vscode.Uri): Promise<number> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.document, true));
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
  const hadUnsavedChanges = document.isDirty;
  if (renamed.size === 0 || !(await vscode.workspace.applyEdit(edit))) return 0;
  // A document no editor shows (closed while the job ran) would otherwise stay changed in memory only,
  // unseen; one with the user's own unsaved changes is left for them to save.
  const shown = vscode.window.visibleTextEditors.some((editor) => editor.document === document);
  if (!shown && !hadUnsavedChanges) await document.save();
  return renamed.size;
}
