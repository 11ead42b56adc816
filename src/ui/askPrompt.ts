import * as vscode from 'vscode';

/** The prompt, pre-filled from the editor's selection; undefined when the user escapes. */
export async function askPrompt(title: string, placeHolder: string, prefill?: string): Promise<string | undefined> {
  const prompt = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Describe the image. Press Enter to continue, Escape to cancel.'),
    placeHolder,
    value: prefill ?? selectedText(),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Please describe the image first: the prompt cannot be empty.')),
  });
  return prompt?.trim() || undefined;
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  return editor.document.getText(editor.selection).trim().slice(0, 2000) || undefined;
}
