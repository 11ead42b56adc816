// nanoBanana_editImage: an agent asks for a change to one or more workspace images; the result is saved at
// the path it chooses or, without one, next to the first image, as Edit Image does.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { editedBaseName } from '../core/naming';
import type { JobProgress, JobSpec } from '../jobs/jobSpec';
import { checkInputImages, readInputImages } from '../jobs/inputImages';
import { loadProjectStyle, type AppliedStyle } from '../jobs/projectStyle';
import { readSettings } from '../services/settings';
import { imagePaths, requiredPrompt, toolOptions, workspacePath, type OptionsInput } from './toolInput';
import { answer, destinationFor, jobConfirmation, relativeLabel, runJobForAgent, workspaceFolder, type Destination } from './toolSupport';

export interface EditImageInput extends Omit<OptionsInput, 'count'> {
  images?: unknown;
  prompt?: unknown;
  path?: unknown;
}

interface Plan {
  spec: Omit<JobSpec, 'inputs'>;
  destination: Destination;
}

export class EditImageTool implements vscode.LanguageModelTool<EditImageInput> {
  static readonly id = 'nanoBanana_editImage';

  constructor(private readonly deps: FrontDoorDeps) {}

  async prepareInvocation({ input }: vscode.LanguageModelToolInvocationPrepareOptions<EditImageInput>): Promise<vscode.PreparedToolInvocation> {
    let plan: Plan;
    let style: AppliedStyle | undefined;
    try {
      plan = planEdit(input);
      // Unreadable or oversized inputs are refused by invoke; nothing is billed, so nothing needs confirming.
      await checkInputImages(plan.spec.sourceImages);
      style = await loadProjectStyle(plan.spec.targetFolder);
    } catch {
      return { invocationMessage: vscode.l10n.t('Checking the image request…') };
    }
    const sources = plan.spec.sourceImages.map(relativeLabel).join(', ');
    return {
      invocationMessage: vscode.l10n.t('Editing {0}…', sources),
      confirmationMessages: jobConfirmation(this.deps, vscode.l10n.t('Edit an image with Nano Banana?'), plan.spec, plan.destination, style, [vscode.l10n.t('Images sent: {0}', sources)]),
    };
  }

  invoke({ input }: vscode.LanguageModelToolInvocationOptions<EditImageInput>, cancellation: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    return answer(this.deps, EditImageTool.id, async () => {
      const plan = planEdit(input);
      await checkInputImages(plan.spec.sourceImages);
      const inputs = (progress: JobProgress) => readInputImages(plan.spec.sourceImages, this.deps.images, progress);
      return runJobForAgent(this.deps, { ...plan.spec, inputs }, plan.destination, cancellation);
    });
  }
}

function planEdit(input: EditImageInput): Plan {
  const folder = workspaceFolder();
  const sourceImages = imagePaths(input.images).map((path) => folder.uri.with({ path: workspacePath(folder.uri.path, path, 'images') }));
  const prompt = requiredPrompt(input.prompt);
  const options = toolOptions('edit', { ...input, count: undefined }, readSettings(folder.uri));
  const baseName = editedBaseName(posix.basename(sourceImages[0].path));
  const destination = destinationFor(folder, input.path, baseName, () => vscode.Uri.joinPath(sourceImages[0], '..'));
  const { targetFolder, fileName } = destination;
  return { spec: { action: 'edit', prompt, options, sourceImages, baseName, targetFolder, fileName }, destination };
}
