// Edits the extension makes to a document after a job (references renamed, links of discarded variations
// removed). They run one at a time per document: jobs finishing together would each compute an edit from
// the same text, and once both were applied and saved one of them was lost.
import * as vscode from 'vscode';
import { KeyedQueue } from '../core/keyedQueue';

const queue = new KeyedQueue();

/** Opens the document (`Uri.toString()`) and runs `work` on it once no other such edit of it runs. */
export function withDocument<T>(document: string, work: (document: vscode.TextDocument) => Promise<T>): Promise<T> {
  return queue.run(document, async () => work(await vscode.workspace.openTextDocument(vscode.Uri.parse(document, true))));
}

/**
 * Applies `edit` to `document`. A document no editor shows would otherwise stay changed in memory only,
 * unseen, so it is saved; one with the user's own unsaved changes is left for them to save.
 */
export async function applyAndSave(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): Promise<boolean> {
  const hadUnsavedChanges = document.isDirty;
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  const shown = vscode.window.visibleTextEditors.some((editor) => editor.document === document);
  if (!shown && !hadUnsavedChanges) await document.save();
  return true;
}
