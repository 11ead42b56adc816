// nanoBanana_generateMissingImages: every local image a Markdown or HTML file references but that does not
// exist, generated and saved at the referenced path, as "Generate Missing Images in This File" does.
import * as vscode from 'vscode';
import type { CommandDeps } from '../commands/commandDeps';
import { optionsForReference, promptForReference } from '../core/missingImage';
import { describeOptions } from '../core/options';
import { expectedPriceLine } from '../core/price';
import { loadProjectStyle, type AppliedStyle } from '../jobs/projectStyle';
import { missingImageSpec, relinkSaved } from '../missingImages/generateMissing';
import { missingImages, referenceLanguage, type MissingImage } from '../missingImages/missingReferences';
import { readSettings } from '../services/settings';
import { NO_TOKEN_TEXT, savedText, unsavedText } from './resultText';
import { documentPath, ToolInputError } from './toolInput';
import { answer, billedConfirmation, relativeLabel, runForTool, styleLines, workspaceFolder } from './toolSupport';

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

  constructor(private readonly deps: CommandDeps) {}

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
      if (missing.length === 0) return [`${file} references no missing local image; nothing was generated or billed.`, ...skipped].join('\n');
      const apiToken = await this.deps.tokens.getOrAsk();
      if (!apiToken) return NO_TOKEN_TEXT;
      const answers = await Promise.all(missing.map((image) => this.generate(document, image, apiToken, cancellation)));
      const saved = answers.filter((one) => one.saved).length;
      return [`${saved} of ${missing.length} missing images of ${file} generated.`, ...answers.map((one) => one.text), ...skipped].join('\n\n');
    });
  }

  private async generate(document: vscode.TextDocument, image: MissingImage, apiToken: string, cancellation: vscode.CancellationToken): Promise<{ saved: boolean; text: string }> {
    const { alt, path } = image.reference;
    const spec = missingImageSpec(image, promptForReference(alt, path) || 'image', optionsFor(document, image));
    const asked = relativeLabel(image.file);
    const outcome = await runForTool(this.deps, spec, apiToken, cancellation);
    if (outcome.status !== 'saved') return { saved: false, text: `${asked}: ${unsavedText(outcome)}` };
    const relinked = spec.referencedFile && (await relinkSaved(outcome.job, spec.referencedFile, this.deps.log));
    const relinkNote = relinked?.failed
      ? ` The reference in ${relativeLabel(document.uri)} could not be updated to ${relinked.savedAs}; change it.`
      : relinked ? ` The reference in ${relativeLabel(document.uri)} now points to ${relinked.savedAs}.` : '';
    return { saved: true, text: `${asked}: ${savedText(outcome.job, asked)}${relinkNote}` };
  }
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
