// The place "Generate Image and Insert Link" was started from, followed through every edit made to the
// document while the image is generated, and kept in the pending job so a reload can find it again.
import * as vscode from 'vscode';
import { anchorAt, findAnchor, shiftOffset } from '../core/insertionPoint';
import type { MarkdownInsertion } from '../jobs/pendingJobs';

export class TrackedInsertion implements vscode.Disposable {
  /** Persisted with the pending job; updated in place as the document changes. */
  readonly insertion: MarkdownInsertion;
  private offset: number;
  private readonly listener: vscode.Disposable;

  constructor(document: vscode.TextDocument, at: vscode.Position) {
    this.offset = document.offsetAt(at);
    this.insertion = { document: document.uri.toString(), line: at.line, character: at.character, ...anchorAt(document.getText(), this.offset) };
    this.listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() !== this.insertion.document || event.contentChanges.length === 0) return;
      this.offset = shiftOffset(this.offset, event.contentChanges);
      const position = event.document.positionAt(this.offset);
      Object.assign(this.insertion, { line: position.line, character: position.character, ...anchorAt(event.document.getText(), this.offset) });
    });
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/**
 * Where a persisted insertion lands in the document as it is now (after a reload): its offset if the text
 * is unchanged, else where the same surrounding text is; undefined when that is gone. An insertion saved
 * before anchors existed keeps its line and column.
 */
export function restoredPosition(document: vscode.TextDocument, insertion: MarkdownInsertion): vscode.Position | undefined {
  if (insertion.textHash === undefined) return document.validatePosition(new vscode.Position(insertion.line, insertion.character));
  const offset = findAnchor(document.getText(), {
    offset: insertion.offset ?? 0,
    before: insertion.before ?? '',
    after: insertion.after ?? '',
    textHash: insertion.textHash,
  });
  return offset === undefined ? undefined : document.positionAt(offset);
}
