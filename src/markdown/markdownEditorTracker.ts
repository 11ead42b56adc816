import * as vscode from 'vscode';

interface RememberedEditor {
  uri: vscode.Uri;
  selection: vscode.Selection;
  viewColumn: vscode.ViewColumn | undefined;
}

/**
 * Remembers the last Markdown editor the user worked in. Focusing the preview panel (or any webview)
 * leaves `window.activeTextEditor` undefined, so "insert into Markdown" needs this memory.
 */
export class MarkdownEditorTracker implements vscode.Disposable {
  private remembered: RememberedEditor | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.rememberIfMarkdown(vscode.window.activeTextEditor);
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => this.rememberIfMarkdown(editor)),
      vscode.window.onDidChangeTextEditorSelection(({ textEditor }) => {
        if (this.isRemembered(textEditor.document.uri)) this.rememberIfMarkdown(textEditor);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // A closed untitled document cannot be reopened: its content is gone.
        if (document.isUntitled && this.isRemembered(document.uri)) this.remembered = undefined;
      }),
    ];
  }

  /** The remembered document, if it is still open in memory (for link paths; never opens anything). */
  lastDocument(): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((document) => this.isRemembered(document.uri));
  }

  /**
   * An editor for the remembered document: a visible one, or the document reopened in its former
   * column with the former selection. Undefined when there is none or it cannot be opened.
   */
  async lastEditor(): Promise<vscode.TextEditor | undefined> {
    const remembered = this.remembered;
    if (!remembered) return undefined;
    const visible = vscode.window.visibleTextEditors.find((editor) => this.isRemembered(editor.document.uri));
    if (visible) return visible;
    try {
      return await vscode.window.showTextDocument(remembered.uri, {
        selection: remembered.selection,
        viewColumn: remembered.viewColumn,
        preview: false,
      });
    } catch {
      return undefined; // deleted or unreadable since
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private rememberIfMarkdown(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId !== 'markdown') return;
    this.remembered = { uri: editor.document.uri, selection: editor.selection, viewColumn: editor.viewColumn };
  }

  private isRemembered(uri: vscode.Uri): boolean {
    return this.remembered?.uri.toString() === uri.toString();
  }
}
