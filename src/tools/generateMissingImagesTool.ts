// nanoBanana_generateMissingImages: every local image a Markdown or HTML file references but that does not
// exist, generated and saved at the referenced path, as "Generate Missing Images in This File" does: one
// batch through the engine's scheduler, the images this window is making already skipped.
import * as vscode from 'vscode';
import { markdownText } from '../core/markdownText';
import { describeOptions } from '../core/options';
import { expectedPriceLine } from '../core/price';
import { runBatch, type BatchJob } from '../jobs/batchScheduler';
import type { JobOutcome } from '../jobs/jobSpec';
import { referenceLanguage } from '../markdown/documentReferences';
import { loadMissingStyles, missingBatchJobs, type MissingItem } from '../missingImages/missingBatch';
import { missingImages, type MissingImage } from '../missingImages/missingReferences';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { ToolBatchPresenter } from '../presenters/toolPresenter';
import { BilledTool } from './billedTool';
import { NO_TOKEN_TEXT, savedText, unsavedText } from './resultText';
import { documentPath, ToolInputError } from './toolInput';
import { billedConfirmation, relativeLabel, styleFingerprint, styleLines, workspaceFolder } from './toolSupport';

export interface GenerateMissingImagesInput {
  file?: unknown;
}

interface Plan {
  document: vscode.TextDocument;
  /** One job per missing file this window is not making already, with its options and style. */
  jobs: Array<BatchJob<MissingItem>>;
  /** Lines for the answer: references left alone (outside the workspace folder, or being made already). */
  skipped: string[];
}

export class GenerateMissingImagesTool extends BilledTool<GenerateMissingImagesInput, Plan> {
  static readonly id = 'nanoBanana_generateMissingImages';

  constructor(deps: FrontDoorDeps) {
    super(deps, GenerateMissingImagesTool.id);
  }

  protected async plan(input: GenerateMissingImagesInput): Promise<Plan> {
    const folder = workspaceFolder();
    const uri = folder.uri.with({ path: documentPath(folder.uri.path, input.file) });
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(uri);
    } catch {
      throw new ToolInputError(`file "${String(input.file)}" does not exist or cannot be read.`);
    }
    if (!referenceLanguage(document)) throw new ToolInputError(`file "${String(input.file)}" is not a Markdown or HTML document.`);
    const found = await missingImages(document);
    const outside = found.filter((image) => image.error);
    const busy = found.filter((image) => !image.error && this.deps.engine.making(image.file));
    const items = found.filter((image) => !image.error && !busy.includes(image)).map((missing) => ({ missing, alsoReferencedBy: [] }));
    const skipped = [
      ...outside.map((image) => `Skipped ${image.reference.path}: it is outside the workspace folder.`),
      ...busy.map((image) => `Skipped ${relativeLabel(image.file)}: it is already being generated in this window; not submitted again.`),
    ];
    return { document, jobs: missingBatchJobs(items, await loadMissingStyles(items)), skipped };
  }

  protected prepared({ document, jobs }: Plan): vscode.PreparedToolInvocation {
    const file = relativeLabel(document.uri);
    // Nothing to generate is nothing billed: the answer says so without asking.
    if (jobs.length === 0) return { invocationMessage: vscode.l10n.t('Looking for missing images in {0}…', file) };
    const { options, style } = jobs[0].spec;
    const images = jobs.reduce((sum, job) => sum + job.spec.options.count, 0);
    return {
      invocationMessage: vscode.l10n.t('Generating {0} missing images for {1}…', jobs.length, file),
      confirmationMessages: billedConfirmation(vscode.l10n.t('Generate {0} missing images with Nano Banana?', jobs.length), [
        vscode.l10n.t('{0} references images that do not exist; each is generated and saved at its path:', markdownText(file)),
        // One path a line in a paragraph (hard breaks), not a list: VS Code shows a list item's escapes as typed.
        jobs.map((job) => markdownText(relativeLabel(job.item.missing.file))).join('  \n'),
        vscode.l10n.t('{0}. Each image is billed by Ace Data Cloud.', markdownText(describeOptions(options))),
        expectedPriceLine(this.deps.prices.priceFor(options.model, options.resolution), images),
        ...styleLines(style),
      ]),
    };
  }

  protected fingerprint({ document, jobs }: Plan): string {
    return JSON.stringify({ document: document.uri.toString(), jobs: jobs.map(({ spec }) => [spec.targetFolder.toString(), spec.referencedFile?.fileName, spec.prompt, spec.options, styleFingerprint(spec.style)]) });
  }

  protected async run({ document, jobs, skipped }: Plan, cancellation: vscode.CancellationToken): Promise<string> {
    const file = relativeLabel(document.uri);
    if (jobs.length === 0) {
      const none = skipped.length > 0 ? `Every missing image of ${file} is skipped; nothing was generated or billed.` : `${file} references no missing local image; nothing was generated or billed.`;
      return [none, ...skipped].join('\n');
    }
    const apiToken = await this.deps.tokens.getOrAsk();
    if (!apiToken) return NO_TOKEN_TEXT;
    const run = await runBatch(this.deps.engine, jobs, apiToken, new ToolBatchPresenter(cancellation, this.deps.showPreview));
    const answers = run.done.map(({ item, outcome }) => outcomeText(document, item.missing, outcome));
    const why = run.stoppedBecause && 'error' in run.stoppedBecause ? 'the failure above would fail it the same way' : 'cancelled';
    const notSent = run.notSubmitted.map((item) => `${relativeLabel(item.missing.file)}: not submitted (${why}); nothing billed.`);
    const saved = run.done.filter(({ outcome }) => outcome.status === 'saved').length;
    return [`${saved} of ${jobs.length} missing images of ${file} generated.`, ...answers, ...notSent, ...skipped].join('\n\n');
  }
}

function outcomeText(document: vscode.TextDocument, image: MissingImage, outcome: JobOutcome): string {
  const asked = relativeLabel(image.file);
  if (outcome.status !== 'saved') return `${asked}: ${unsavedText(outcome)}`;
  const [relinked] = outcome.completed.relinked;
  const relinkNote = relinked?.failed
    ? ` The reference in ${relativeLabel(document.uri)} could not be updated to ${relinked.savedAs}; change it.`
    : relinked ? ` The reference in ${relativeLabel(document.uri)} now points to ${relinked.savedAs}.` : '';
  return `${asked}: ${savedText(outcome.job, asked)}${relinkNote}`;
}
