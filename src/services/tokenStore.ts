// The API token lives in SecretStorage only; the vendor's environment variable is a read-only fallback.
import * as vscode from 'vscode';

const SECRET_KEY = 'nanoBanana.apiToken';
export const TOKEN_ENV_VAR = 'ACEDATACLOUD_API_TOKEN';
export const CONSOLE_URL = 'https://platform.acedata.cloud';

export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_KEY);
    return stored || process.env[TOKEN_ENV_VAR]?.trim() || undefined;
  }

  /** The token, asking for it (and storing it) when there is none. Undefined when the user escapes. */
  async getOrAsk(): Promise<string | undefined> {
    return (await this.get()) ?? (await this.ask(vscode.l10n.t('No Nano Banana API token is set yet.')));
  }

  /** Asks in a password box and stores the answer; undefined when the user escapes. */
  async ask(reason?: string): Promise<string | undefined> {
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Nano Banana: API Token'),
      prompt: `${reason ? `${reason} ` : ''}${vscode.l10n.t('Paste your Ace Data Cloud API token (copy it from {0}, Console → API Token). It is kept in VS Code\'s secret storage.', CONSOLE_URL)}`,
      placeHolder: vscode.l10n.t('API token'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('The token cannot be empty.')),
    });
    const trimmed = token?.trim();
    if (!trimmed) return undefined;
    await this.secrets.store(SECRET_KEY, trimmed);
    return trimmed;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }
}
