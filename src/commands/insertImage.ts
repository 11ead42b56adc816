// Nano Banana: Generate Image and Insert Link — generates into the output directory and inserts a
// link, relative to the Markdown document, where the cursor was when the command started.
import * as vscode from 'vscode';
import { altTextFromPrompt } from '../core/markdownLink';
import { insertImageLinks } from '../markdown/insertImageLinks';
import { generateWith } from './generateImage';
import type { Services } from './services';

export async function insertImage(services: Services): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? (await services.markdownEditors.lastEditor());
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown file and place the cursor where the image should go.'));
    return;
  }
  const document = editor.document;
  const at = editor.selection.end;
  const job = await generateWith(services, {
    resource: document.isUntitled ? undefined : document.uri,
    insertion: { document: document.uri.toString(), line: at.line, character: at.character },
  });
  if (!job || job.images.length === 0) return;

  const target = await vscode.window.showTextDocument(document, { preserveFocus: false, preview: false });
  const images = job.images.map((image) => vscode.Uri.parse(image.uri, true));
  const inserted = await insertImageLinks(target, images, altTextFromPrompt(job.prompt), at);
  if (!inserted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: the image was saved, but the link could not be inserted (was the document closed?). Use "Copy Markdown Link" in the results panel.'));
  }
}

/** "Insert into Markdown" from the results panel: into the last Markdown editor the user worked in. */
export async function insertLinkIntoLastMarkdown(services: Services, image: vscode.Uri, alt: string): Promise<void> {
  const editor = await services.markdownEditors.lastEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown file first, then insert the link again.'));
    return;
  }
  await insertImageLinks(editor, [image], alt);
}
