// nanoBanana_generateImage: an agent asks for an image from a prompt, saved at a workspace path it chooses
// or, without one, into the output directory named after the prompt, as Generate Image does.
import * as vscode from 'vscode';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { outputFolderFor } from '../services/outputFolder';
import { slugFromPrompt } from '../core/naming';
import type { JobSpec } from '../jobs/jobSpec';
import { loadProjectStyle, type AppliedStyle } from '../jobs/projectStyle';
import { readSettings } from '../services/settings';
import { requiredPrompt, toolOptions, ToolInputError, type OptionsInput } from './toolInput';
import { answer, destinationFor, jobConfirmation, runJobForAgent, workspaceFolder, type Destination } from './toolSupport';

export interface GenerateImageInput extends OptionsInput {
  prompt?: unknown;
  path?: unknown;
}

interface Plan {
  spec: JobSpec;
  destination: Destination;
}

export class GenerateImageTool implements vscode.LanguageModelTool<GenerateImageInput> {
  static readonly id = 'nanoBanana_generateImage';

  constructor(private readonly deps: FrontDoorDeps) {}

  async prepareInvocation({ input }: vscode.LanguageModelToolInvocationPrepareOptions<GenerateImageInput>): Promise<vscode.PreparedToolInvocation> {
    let plan: Plan;
    let style: AppliedStyle | undefined;
    try {
      plan = planGeneration(input);
      style = await loadProjectStyle(plan.spec.targetFolder);
    } catch {
      // Refused by invoke with the reason; nothing is billed, so nothing needs confirming.
      return { invocationMessage: vscode.l10n.t('Checking the image request…') };
    }
    return {
      invocationMessage: vscode.l10n.t('Generating {0}…', plan.destination.label),
      confirmationMessages: jobConfirmation(this.deps, vscode.l10n.t('Generate an image with Nano Banana?'), plan.spec, plan.destination, style),
    };
  }

  invoke({ input }: vscode.LanguageModelToolInvocationOptions<GenerateImageInput>, cancellation: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
    return answer(this.deps, GenerateImageTool.id, async () => {
      const plan = planGeneration(input);
      return runJobForAgent(this.deps, plan.spec, plan.destination, cancellation);
    });
  }
}

function planGeneration(input: GenerateImageInput): Plan {
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
  return { spec: { action: 'generate', prompt, options, sourceImages: [], targetFolder, baseName, fileName }, destination };
}

