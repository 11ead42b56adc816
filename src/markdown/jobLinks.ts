// Insert Link's completion action: once a job's images are saved, one link per image goes where the
// command was started. A fresh job's place has followed every edit (TrackedInsertion); a resumed job's is
// found again by the text around it. Where it cannot be found, the links are handed back to be offered.
import * as vscode from 'vscode';
import { altTextFromPrompt } from '../core/markdownLink';
import type { LinksPlaced } from '../jobs/jobSpec';
import type { MarkdownInsertion } from '../jobs/pendingJobs';
import type { JobRecord } from '../model/job';
import type { Log } from '../services/log';
import { insertImageLinks } from './insertImageLinks';
import { markdownLinkFor } from './markdownLinkFor';
import { restoredPosition } from './trackedInsertion';

export async function insertJobLinks(job: JobRecord, insertion: MarkdownInsertion, log: Log): Promise<LinksPlaced> {
  const images = job.images.map((image) => vscode.Uri.parse(image.uri, true));
  const alt = altTextFromPrompt(job.prompt);
  let document: vscode.TextDocument | undefined;
  try {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(insertion.document, true));
    const at = restoredPosition(document, insertion);
    if (!at) {
      log.warn(`the place for the link in ${document.uri.toString(true)} changed beyond recognition; the link is offered to copy`);
      return { status: 'placeLost', document: insertion.document, links: linksFor(document, images, alt) };
    }
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    if (await insertImageLinks(editor, images, alt, at)) return { status: 'inserted' };
  } catch (error) {
    log.error(`could not insert the link of job ${job.id}`, error);
  }
  return { status: 'notInserted', document: insertion.document, links: linksFor(document, images, alt) };
}

function linksFor(document: vscode.TextDocument | undefined, images: vscode.Uri[], alt: string): string {
  return images.map((image) => markdownLinkFor(document, image, alt)).join('\n');
}
