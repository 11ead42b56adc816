import * as vscode from 'vscode';
import { altTextFromPrompt } from '../core/markdownLink';
import type { JobRecord } from '../model/job';
import type { JobStore } from '../jobs/jobStore';
import { markdownLinkFor } from '../markdown/markdownLinkFor';
import type { MarkdownEditorTracker } from '../markdown/markdownEditorTracker';
import type { GenerateAgainMessage, ImageActionMessage } from './protocol';

/** What the preview's buttons need from the rest of the extension (commands own these flows). */
export interface PreviewActions {
  /** Into the last active Markdown editor. */
  insertLink(image: vscode.Uri, alt: string): Promise<void>;
  editImage(image: vscode.Uri): Promise<void>;
  generateAgain(job: JobRecord): Promise<void>;
  /** "Keep this one": the job's other variations are discarded. */
  keepVariation(job: JobRecord, imageIndex: number): Promise<void>;
}

export interface PreviewActionContext {
  store: JobStore;
  actions: PreviewActions;
  markdownEditors: MarkdownEditorTracker;
}

/** Carries out a validated button press; a job or image that is not in the store (any more) is ignored. */
export async function runPreviewAction(
  message: ImageActionMessage | GenerateAgainMessage,
  { store, actions, markdownEditors }: PreviewActionContext,
): Promise<void> {
  const job = store.get(message.jobId);
  if (!job) return;
  if (message.type === 'generateAgain') return actions.generateAgain(job);

  const saved = job.images[message.imageIndex];
  if (!saved) return;
  const image = vscode.Uri.parse(saved.uri, true);
  const alt = altTextFromPrompt(job.prompt);

  switch (message.type) {
    case 'open':
      await vscode.commands.executeCommand('vscode.open', image);
      return;
    case 'reveal':
      await vscode.commands.executeCommand('revealInExplorer', image);
      return;
    case 'copyLink':
      await vscode.env.clipboard.writeText(markdownLinkFor(markdownEditors.lastDocument(), image, alt));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Markdown link copied'), 3000);
      return;
    case 'insertLink':
      return actions.insertLink(image, alt);
    case 'editAgain':
      return actions.editImage(image);
    case 'keep':
      return actions.keepVariation(job, message.imageIndex);
  }
}
