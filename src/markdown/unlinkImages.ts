// Takes the links to discarded variations out of the document they were inserted into, so only the kept
// image stays linked, at the place the links were put.
import * as vscode from 'vscode';
import { referencedFile, referencesOf } from './documentReferences';
import { applyAndSave, withDocument } from './documentEdits';

/** Removes every image reference of `document` (`Uri.toString()`) to one of `files`; resolves to how many. */
export function unlinkImages(document: string, files: readonly vscode.Uri[]): Promise<number> {
  const gone = new Set(files.map((file) => file.toString()));
  return withDocument(document, async (opened) => {
    const edit = new vscode.WorkspaceEdit();
    let removed = 0;
    for (const reference of referencesOf(opened)) {
      const file = referencedFile(opened, reference.path)?.file.toString();
      if (!file || !gone.has(file)) continue;
      edit.delete(opened.uri, rangeToRemove(opened, new vscode.Range(opened.positionAt(reference.start), opened.positionAt(reference.end))));
      removed++;
    }
    return removed > 0 && (await applyAndSave(opened, edit)) ? removed : 0;
  });
}

/**
 * The reference with the line break that joined it to its neighbours: links inserted together stand one
 * per line, so removing some must not leave empty lines (or a kept link glued to the text around it).
 */
function rangeToRemove(document: vscode.TextDocument, link: vscode.Range): vscode.Range {
  const line = document.lineAt(link.start.line);
  const before = line.text.slice(0, link.start.character).trim();
  const after = link.end.line === link.start.line ? line.text.slice(link.end.character).trim() : 'x';
  const hasNext = link.end.line + 1 < document.lineCount;
  if (!before && !after) {
    // The last line has no break of its own: the one before it goes instead.
    return hasNext || link.start.line === 0 ? line.rangeIncludingLineBreak : new vscode.Range(document.lineAt(link.start.line - 1).range.end, line.range.end);
  }
  if (!after && hasNext) return new vscode.Range(link.start, new vscode.Position(link.end.line + 1, 0));
  if (!before && link.start.line > 0) return new vscode.Range(document.lineAt(link.start.line - 1).range.end, link.end);
  return link;
}
