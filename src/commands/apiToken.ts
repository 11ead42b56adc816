// Nano Banana: Set API Token / Clear API Token.
import * as vscode from 'vscode';
import { TOKEN_ENV_VAR } from '../services/tokenStore';
import type { FrontDoorDeps } from '../presenters/frontDoorDeps';

export async function setApiToken(deps: FrontDoorDeps): Promise<void> {
  const token = await deps.tokens.ask();
  if (token) void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: API token saved in VS Code\'s secret storage.'));
}

export async function clearApiToken(deps: FrontDoorDeps): Promise<void> {
  await deps.tokens.clear();
  const fallback = process.env[TOKEN_ENV_VAR] ? ` ${vscode.l10n.t('The {0} environment variable is still used as a fallback.', TOKEN_ENV_VAR)}` : '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: API token removed from secret storage.') + fallback);
}
