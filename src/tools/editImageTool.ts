// nanoBanana_editImage: an agent asks for a change to one or more workspace images; the result is saved at
// the path it chooses or, without one, next to the first image, as Edit Image does.
import { posix } from 'node:path';
import * as vscode from 'vscode';
import { markdownText } from '../core/markdownText';
import { editedBaseName } from '../core/naming';
import { checkInputImages, readInputImages } from '../jobs/inputImages';
import type { JobProgress, JobSpec } from '../jobs/jobSpec';
import { loadProjectStyle } from '../jobs/projectStyle';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { readSettings } from '../services/settings';
import { BilledTool } from './billedTool';
import { imagePaths, requiredPrompt, toolOptions, workspacePath, type OptionsInput } from './toolInput';
import { destinationFor, jobConfirmation, jobFingerprint, relativeLabel, runJobForAgent, workspaceFolder, type Destination } from './toolSupport';

export interface EditImageInput extends Omit<OptionsInput, 'count'> {
  images?: unknown;
  prompt?: unknown;
  path?: unknown;
}

interface Plan {
  spec: Omit<JobSpec, 'inputs'>;
  destination: Destination;
}

export class EditImageTool extends BilledTool<EditImageInput, Plan> {
  static readonly id = 'nanoBanana_editImage';

  constructor(deps: FrontDoorDeps) {
    super(deps, EditImageTool.id);
  }

  protected async plan(input: EditImageInput): Promise<Plan> {
    const folder = workspaceFolder();
    const sourceImages = imagePaths(input.images).map((path) => folder.uri.with({ path: workspacePath(folder.uri.path, path, 'images') }));
    const prompt = requiredPrompt(input.prompt);
    const options = toolOptions('edit', { ...input, count: undefined }, readSettings(folder.uri));
    const baseName = editedBaseName(posix.basename(sourceImages[0].path));
    const destination = destinationFor(folder, input.path, baseName, () => vscode.Uri.joinPath(sourceImages[0], '..'));
    // Unreadable, oversized or linked-out inputs are refused before anything is confirmed or sent.
    await checkInputImages(sourceImages);
    const { targetFolder, fileName } = destination;
    const style = await loadProjectStyle(targetFolder);
    return { spec: { action: 'edit', prompt, options, sourceImages, baseName, targetFolder, fileName, style }, destination };
  }

  protected prepared({ spec, destination }: Plan): vscode.PreparedToolInvocation {
    const sources = spec.sourceImages.map(relativeLabel).join(', ');
    return {
      invocationMessage: vscode.l10n.t('Editing {0}…', sources),
      confirmationMessages: jobConfirmation(this.deps, vscode.l10n.t('Edit an image with Nano Banana?'), spec, destination, [vscode.l10n.t('Images sent: {0}', markdownText(sources))]),
    };
  }

  protected fingerprint({ spec, destination }: Plan): string {
    return jobFingerprint(spec, destination);
  }

  protected run({ spec, destination }: Plan, cancellation: vscode.CancellationToken): Promise<string> {
    const inputs = (progress: JobProgress) => readInputImages(spec.sourceImages, this.deps.images, progress);
    return runJobForAgent(this.deps, { ...spec, inputs }, destination, cancellation);
  }
}
