// Nano Banana: Generate Image and Insert Link — generates into the output directory and inserts a
// link, relative to the Markdown document, where the cursor was when the command started: that place
// moves with whatever the user types meanwhile.
import * as vscode from 'vscode';
import { altTextFromPrompt } from '../core/markdownLink';
import { insertImageLinks } from '../markdown/insertImageLinks';
import { TrackedInsertion } from '../markdown/trackedInsertion';
import type { JobRecord } from '../model/job';
import { generateWith } from './generateImage';
import type { CommandDeps } from './commandDeps';

export async function insertImage(deps: CommandDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor ?? (await deps.markdownEditors.lastEditor());
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown file and place the cursor where the image should go.'));
    return;
  }
  const document = editor.document;
  const place = new TrackedInsertion(document, editor.selection.end);
  try {
    const job = await generateWith(deps, { resource: document.isUntitled ? undefined : document.uri, insertion: place.insertion });
    if (job && job.images.length > 0) await insertLinks(job, document, place);
  } finally {
    place.dispose();
  }
}

async function insertLinks(job: JobRecord, document: vscode.TextDocument, place: TrackedInsertion): Promise<void> {
  const target = await vscode.window.showTextDocument(document.uri, { preserveFocus: false, preview: false });
  const images = job.images.map((image) => vscode.Uri.parse(image.uri, true));
  const inserted = await insertImageLinks(target, images, altTextFromPrompt(job.prompt), place.positionIn(target.document));
  if (!inserted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Nano Banana: the image was saved, but the link could not be inserted (was the document closed?). Use "Copy Markdown Link" in the results panel.'));
  }
}

/** "Insert into Markdown" from the results panel: into the last Markdown editor the user worked in. */
export async function insertLinkIntoLastMarkdown(deps: CommandDeps, image: vscode.Uri, alt: string): Promise<void> {
  const editor = await deps.markdownEditors.lastEditor();
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: open a Markdown file first, then insert the link again.'));
    return;
  }
  await insertImageLinks(editor, [image], alt);
}
