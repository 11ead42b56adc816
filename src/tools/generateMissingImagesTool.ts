// nanoBanana_generateMissingImages: every local image a Markdown or HTML file references but that does not
// exist, generated and saved at the referenced path, as "Generate Missing Images in This File" does.
import * as vscode from 'vscode';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { optionsForReference } from '../core/missingImage';
import { describeOptions } from '../core/options';
import { expectedPriceLine } from '../core/price';
import { loadProjectStyle, type AppliedStyle } from '../jobs/projectStyle';
import { runBatch } from '../jobs/batchScheduler';
import type { JobOutcome } from '../jobs/jobSpec';
import { loadMissingStyles, missingBatchJobs } from '../missingImages/missingBatch';
import { referenceLanguage } from '../markdown/documentReferences';
import { missingImages, type MissingImage } from '../missingImages/missingReferences';
import { readSettings } from '../services/settings';
import { NO_TOKEN_TEXT, savedText, unsavedText } from './resultText';
import { documentPath, ToolInputError } from './toolInput';
import { ToolBatchPresenter } from '../presenters/toolPresenter';
import { answer, billedConfirmation, relativeLabel, styleLines, workspaceFolder } from './toolSupport';

export interface GenerateMissingImagesInput {
  file?: unknown;
}

interface Plan {
  document: vscode.TextDocument;
  missing: MissingImage[];
  /** References left alone because their path leaves the workspace folder. */
  outside: MissingImage[];
}

export class GenerateMissingImagesTool implements vscode.LanguageModelTool<GenerateMissingImagesInput> {
  static readonly id = 'nanoBanana_generateMissingImages';

  constructor(private readonly deps: FrontDoorDeps) {}

  async prepareInvocation({ input }: vscode.LanguageModelToolInvocationPrepareOptions<GenerateMissingImagesInput>): Promise<vscode.PreparedToolInvocation> {
    let plan: Plan;
    let style: AppliedStyle | undefined;
    try {
      plan = await planMissing(input);
      style = await loadProjectStyle(plan.document.uri);
    } catch {
      return { invocationMessage: vscode.l10n.t('Checking the image request…') };
    }
    const file = relativeLabel(plan.document.uri);
    // Nothing to generate is nothing billed: the answer says so without asking.
    if (plan.missing.length === 0) return { invocationMessage: vscode.l10n.t('Looking for missing images in {0}…', file) };
    const options = optionsFor(plan.document, plan.missing[0]);
    return {
      invocationMessage: vscode.l10n.t('Generating {0} missing images for {1}…', plan.missing.length, file),
      confirmationMessages: billedConfirmation(vscode.l10n.t('Generate {0} missing images with Nano Banana?', plan.missing.length), [
        vscode.l10n.t('{0} references images that do not exist; each is generated and saved at its path:', file),
        plan.missing.map((image) => `- ${relativeLabel(image.file)}`).join('\n'),
        vscode.l10n.t('{0}. Each image is billed by Ace Data Cloud.', describeOptions(options)),
        expectedPriceLine(this.deps.prices.priceFor(options.model, options.resolution), options.count * plan.missing.length),
        ...styleLines(style),
      ]),
    };
  }

  invoke({ input }: vscode.LanguageModelToolInvocationOptions<GenerateMissingImagesInput>, cancellation: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    return answer(this.deps, GenerateMissingImagesTool.id, async () => {
      const { document, missing, outside } = await planMissing(input);
      const file = relativeLabel(document.uri);
      const skipped = outside.map((image) => `Skipped ${image.reference.path}: it is outside the workspace folder.`);
      const busy = missing.filter((image) => this.deps.engine.making(image.file));
      const free = missing.filter((image) => !busy.includes(image));
      skipped.push(...busy.map((image) => `Skipped ${relativeLabel(image.file)}: it is already being generated in this window; not submitted again.`));
      if (missing.length === 0) return [`${file} references no missing local image; nothing was generated or billed.`, ...skipped].join('\n');
      if (free.length === 0) return [`Every missing image of ${file} is already being generated; nothing new was submitted or billed.`, ...skipped].join('\n');
      const apiToken = await this.deps.tokens.getOrAsk();
      if (!apiToken) return NO_TOKEN_TEXT;
      const items = free.map((image) => ({ missing: image, alsoReferencedBy: [] }));
      const jobs = missingBatchJobs(items, await loadMissingStyles(items));
      const run = await runBatch(this.deps.engine, jobs, apiToken, new ToolBatchPresenter(cancellation, this.deps.showPreview));
      const answers = run.done.map(({ item, outcome }) => outcomeText(document, item.missing, outcome));
      const notSent = run.notSubmitted.map((item) => `${relativeLabel(item.missing.file)}: not submitted, nothing billed${run.stoppedBecause && 'error' in run.stoppedBecause ? ' (the failure above would fail it the same way)' : ' (cancelled)'}.`);
      const saved = run.done.filter(({ outcome }) => outcome.status === 'saved').length;
      return [`${saved} of ${free.length} missing images of ${file} generated.`, ...answers, ...notSent, ...skipped].join('\n\n');
    });
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

/** The settings' options, the ratio following the reference's width and height, as the command does. */
function optionsFor(document: vscode.TextDocument, image: MissingImage) {
  return optionsForReference(readSettings(document.uri), undefined, image.reference.width, image.reference.height);
}

async function planMissing(input: GenerateMissingImagesInput): Promise<Plan> {
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
  return { document, missing: found.filter((image) => !image.error), outside: found.filter((image) => image.error) };
}
