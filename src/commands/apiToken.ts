// Nano Banana: Set API Token / Clear API Token.
import * as vscode from 'vscode';
import { TOKEN_ENV_VAR } from '../services/tokenStore';
import type { Services } from './services';

export async function setApiToken(services: Services): Promise<void> {
  const token = await services.tokens.ask();
  if (token) void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: API token saved in VS Code\'s secret storage.'));
}

export async function clearApiToken(services: Services): Promise<void> {
  await services.tokens.clear();
  const fallback = process.env[TOKEN_ENV_VAR] ? ` ${vscode.l10n.t('The {0} environment variable is still used as a fallback.', TOKEN_ENV_VAR)}` : '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Nano Banana: API token removed from secret storage.') + fallback);
}
