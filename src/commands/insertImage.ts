// Nano Banana: Generate Image and Insert Link — generates into the output directory and inserts a
// link, relative to the Markdown document, where the cursor was when the command started: that place
// moves with whatever the user types meanwhile.
import * as vscode from 'vscode';
import { insertImageLinks } from '../markdown/insertImageLinks';
import { TrackedInsertion } from '../markdown/trackedInsertion';
import { generateWith } from './generateImage';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

export async function insertImage(deps: FrontDoorDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? (await deps.markdownEditors.lastEditor());
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown file and place the cursor where the image should go.'));
    return;
  }
  const document = editor.document;
  // Followed while the job runs; the engine inserts the links there once the images are saved, as it
  // does for a job resumed after a reload.
  const place = new TrackedInsertion(document, editor.selection.end);
  try {
    await generateWith(deps, { resource: document.isUntitled ? undefined : document.uri, insertion: place.insertion });
  } finally {
    place.dispose();
  }
}

/** "Insert into Markdown" from the results panel: into the last Markdown editor the user worked in. */
export async function insertLinkIntoLastMarkdown(deps: FrontDoorDeps, image: vscode.Uri, alt: string): Promise<void> {
  const editor = await deps.markdownEditors.lastEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown file first, then insert the link again.'));
    return;
  }
  await insertImageLinks(editor, [image], alt);
}
