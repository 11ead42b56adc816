// The extension's front door for agents: three language-model tools (declared in package.json's
// `languageModelTools`) that Copilot agent mode or any extension can call through `vscode.lm.invokeTool`.
import * as vscode from 'vscode';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';
import { EditImageTool } from './editImageTool';
import { GenerateImageTool } from './generateImageTool';
import { GenerateMissingImagesTool } from './generateMissingImagesTool';

export function registerTools(deps: FrontDoorDeps): vscode.Disposable[] {
  return [
    vscode.lm.registerTool(GenerateImageTool.id, new GenerateImageTool(deps)),
    vscode.lm.registerTool(EditImageTool.id, new EditImageTool(deps)),
    vscode.lm.registerTool(GenerateMissingImagesTool.id, new GenerateMissingImagesTool(deps)),
  ];
}
