// Failures shown the same way everywhere: the message, the ids support needs, and the one action that helps.
import * as vscode from 'vscode';
import { ApiError } from '../api/errors';
import { InputImageError } from '../core/dataUri';
import { CONSOLE_URL } from '../services/tokenStore';
import type { Log } from '../services/log';

export interface ErrorContext {
  /** What failed, translated, before a message that is not the service's own explanation. */
  shown: string;
  /** A sentence appended to the message, already translated. */
  hint?: string;
}

/** Shows an error that was already logged where it happened; "Open Output" shows that log. */
export async function showError(error: unknown, log: Log, { shown, hint }: ErrorContext): Promise<void> {
  if (error instanceof InputImageError) {
    void vscode.window.showErrorMessage(error.message);
    return;
  }
  const apiError = error instanceof ApiError ? error : undefined;
  const message = apiError?.detailedMessage ?? vscode.l10n.t('{0}: {1}', shown, error instanceof Error ? error.message : String(error));
  const setToken = vscode.l10n.t('Set API Token');
  const openConsole = vscode.l10n.t('Open Console');
  const openOutput = vscode.l10n.t('Open Output');
  const actions: string[] = [];
  if (apiError?.action === 'setToken') actions.push(setToken);
  if (apiError?.action === 'openBilling') actions.push(openConsole);
  actions.push(openOutput);
  const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Nano Banana: {0}', hint ? `${message} ${hint}` : message), ...actions);
  if (choice === setToken) await vscode.commands.executeCommand('nanoBanana.setApiToken');
  if (choice === openConsole) await vscode.env.openExternal(vscode.Uri.parse(CONSOLE_URL));
  if (choice === openOutput) log.show();
}
