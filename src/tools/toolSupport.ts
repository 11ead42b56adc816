// What the three language-model tools share: the workspace folder their paths are relative to, running a
// job with the chat's cancellation, and answering with text whatever happens, so the agent always learns
// what was saved, what was refused and what the user can do.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { markdownText } from '../core/markdownText';
import { InputImageError } from '../core/dataUri';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import type { JobOutcome, JobSpec } from '../jobs/jobSpec';
import type { AppliedStyle } from '../jobs/projectStyle';
import { ToolPresenter } from '../presenters/toolPresenter';
import { describeOptions } from '../core/options';
import { expectedPriceLine } from '../core/price';
import { NO_TOKEN_TEXT, refusedText, savedText, unsavedText } from './resultText';
import { outputTarget, ToolInputError } from './toolInput';

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The folder every tool path is relative to: the first of the window's workspace folders. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new ToolInputError('No folder is open in VS Code, so there is nowhere to save images. Ask the user to open the project folder.');
  return folder;
}

export function relativeLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

/** A tool's answer: its work's text, or the refusal of bad input, or an unexpected failure, all as text. */
export async function answer(deps: FrontDoorDeps, tool: string, work: () => Promise<string>): Promise<vscode.LanguageModelToolResult> {
  try {
    return textResult(await work());
  } catch (error) {
    if (error instanceof ToolInputError || error instanceof InputImageError) return textResult(refusedText(error.message));
    deps.log.error(`the ${tool} tool failed`, error);
    return textResult(`Failed: ${error instanceof Error ? error.message : String(error)}. No image was saved.`);
  }
}

/** Runs one job through the engine (which applies the project style) with the chat's cancellation. */
export function runForTool(deps: FrontDoorDeps, spec: JobSpec, apiToken: string, cancellation: vscode.CancellationToken): Promise<JobOutcome> {
  return deps.engine.run(spec, apiToken, new ToolPresenter(cancellation, deps.showPreview));
}

/** The confirmation every billed call asks for: VS Code shows it in the chat, or as a dialog outside it. */
export function billedConfirmation(title: string, lines: string[]): vscode.LanguageModelToolConfirmationMessages {
  return { title, message: new vscode.MarkdownString(lines.join('\n\n')) };
}

/** What a confirmation says about the project style: its text, and the images that are uploaded with the request. */
export function styleLines(style: AppliedStyle | undefined): string[] {
  if (!style) return [];
  return [
    ...(style.text ? [vscode.l10n.t('Style: {0}', markdownText(style.text))] : []),
    ...(style.images.length ? [vscode.l10n.t('Style images sent: {0}', markdownText(style.images.map((image) => image.label).join(', ')))] : []),
  ];
}

/**
 * The confirmation of one job: what it is asked to make, what it is expected to cost, with which style, where
 * it goes. What the agent or a setting wrote is shown as text, never as Markdown.
 */
export function jobConfirmation(deps: FrontDoorDeps, title: string, spec: Pick<JobSpec, 'prompt' | 'options' | 'style'>, destination: Destination, first: string[] = []): vscode.LanguageModelToolConfirmationMessages {
  const { model, resolution, count } = spec.options;
  return billedConfirmation(title, [
    ...first,
    vscode.l10n.t('Prompt: {0}', markdownText(spec.prompt)),
    vscode.l10n.t('{0}. Each image is billed by Ace Data Cloud.', markdownText(describeOptions(spec.options))),
    expectedPriceLine(deps.prices.priceFor(model, resolution), count),
    ...(spec.options.noStyle ? [] : styleLines(spec.style)),
    vscode.l10n.t('Saved to {0}', markdownText(destination.label)),
  ]);
}

/** Everything of one job a confirmation stands for: the same fingerprint bills the same. */
export function jobFingerprint(spec: Omit<JobSpec, 'inputs'>, destination: Destination): string {
  const { action, prompt, options, sourceImages, targetFolder, fileName, style } = spec;
  return JSON.stringify({ action, prompt, options, sourceImages: sourceImages.map(String), targetFolder: targetFolder.toString(), fileName, label: destination.label, style: styleFingerprint(style) });
}

/** The style's text and each image's name and content: a style image changed on disk is another style. */
export function styleFingerprint(style: AppliedStyle | undefined): unknown {
  return style && { text: style.text, images: style.images.map((image) => [image.label, createHash('sha256').update(image.dataUri).digest('base64')]) };
}

/** Asks for the token as the commands do, runs the job, and answers with what it saved or why nothing was. */
export async function runJobForAgent(deps: FrontDoorDeps, spec: JobSpec, destination: Destination, cancellation: vscode.CancellationToken): Promise<string> {
  const apiToken = await deps.tokens.getOrAsk();
  if (!apiToken) return NO_TOKEN_TEXT;
  const outcome = await runForTool(deps, spec, apiToken, cancellation);
  return outcome.status === 'saved' ? savedText(outcome.job, destination.asked) : unsavedText(outcome);
}

export interface Destination {
  targetFolder: vscode.Uri;
  fileName?: string;
  /** Where the (first) image goes, workspace-relative, as asked or as the command would name it. */
  label: string;
  /** The workspace-relative file path the agent asked for, when it named a file. */
  asked?: string;
}

/** The agent's `path` when it gave one (a file or a folder), else the command's own folder. */
export function destinationFor(folder: vscode.WorkspaceFolder, path: unknown, baseName: string, defaultFolder: () => vscode.Uri): Destination {
  const target = path === undefined || path === '' ? undefined : outputTarget(folder.uri.path, path);
  const targetFolder = target ? folder.uri.with({ path: target.folder }) : defaultFolder();
  const label = relativeLabel(vscode.Uri.joinPath(targetFolder, target?.fileName ?? `${baseName}.png`));
  return { targetFolder, fileName: target?.fileName, label, asked: target?.fileName ? label : undefined };
}
