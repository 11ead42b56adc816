// nanoBanana_generateImage: an agent asks for an image from a prompt, saved at a workspace path it chooses
// or, without one, into the output directory named after the prompt, as Generate Image does.
import * as vscode from 'vscode';
import { slugFromPrompt } from '../core/naming';
import type { JobSpec } from '../jobs/jobSpec';
import { loadProjectStyle } from '../jobs/projectStyle';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { outputFolderFor } from '../services/outputFolder';
import { readSettings } from '../services/settings';
import { BilledTool } from './billedTool';
import { requiredPrompt, toolOptions, ToolInputError, type OptionsInput } from './toolInput';
import { destinationFor, jobConfirmation, jobFingerprint, runJobForAgent, workspaceFolder, type Destination } from './toolSupport';

export interface GenerateImageInput extends OptionsInput {
  prompt?: unknown;
  path?: unknown;
}

interface Plan {
  spec: JobSpec;
  destination: Destination;
}

export class GenerateImageTool extends BilledTool<GenerateImageInput, Plan> {
  static readonly id = 'nanoBanana_generateImage';

  constructor(deps: FrontDoorDeps) {
    super(deps, GenerateImageTool.id);
  }

  protected async plan(input: GenerateImageInput): Promise<Plan> {
    const folder = workspaceFolder();
    const prompt = requiredPrompt(input.prompt);
    const options = toolOptions('generate', input, readSettings(folder.uri));
    const baseName = slugFromPrompt(prompt);
    const destination = destinationFor(folder, input.path, baseName, () => {
      const choice = outputFolderFor(folder.uri);
      if (!('folder' in choice)) throw new ToolInputError('error' in choice ? choice.error : 'No output folder could be found.');
      return choice.folder;
    });
    const { targetFolder, fileName } = destination;
    const style = await loadProjectStyle(targetFolder);
    return { spec: { action: 'generate', prompt, options, sourceImages: [], targetFolder, baseName, fileName, style }, destination };
  }

  protected prepared({ spec, destination }: Plan): vscode.PreparedToolInvocation {
    return {
      invocationMessage: vscode.l10n.t('Generating {0}…', destination.label),
      confirmationMessages: jobConfirmation(this.deps, vscode.l10n.t('Generate an image with Nano Banana?'), spec, destination),
    };
  }

  protected fingerprint({ spec, destination }: Plan): string {
    return jobFingerprint(spec, destination);
  }

  protected run({ spec, destination }: Plan, cancellation: vscode.CancellationToken): Promise<string> {
    return runJobForAgent(this.deps, spec, destination, cancellation);
  }
}
