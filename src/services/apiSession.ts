// Opens the API connection from the current settings and token, reuses it while neither changes,
// and loads the HTTP stack only when the first job needs it.
import * as vscode from 'vscode';
import type { ApiConnection } from '../api/connection';
import type { Log } from './log';
import { readSettings } from './settings';

export class ApiSession implements vscode.Disposable {
  private connection: ApiConnection | undefined;
  private key = '';
  private readonly retired: ApiConnection[] = [];

  constructor(private readonly log: Log) {}

  async connect(token: string): Promise<ApiConnection> {
    const settings = readSettings();
    const key = JSON.stringify([token, settings.apiBaseUrl, settings.requestTimeoutSeconds]);
    if (this.connection && key === this.key) return this.connection;
    const { openConnection } = await import('../api/connection');
    // Jobs already waiting keep the old connection until they finish; it is closed on dispose.
    if (this.connection) this.retired.push(this.connection);
    const timeoutMs = settings.requestTimeoutSeconds * 1000;
    this.log.setSecrets([token]);
    this.connection = openConnection({
      baseUrl: settings.apiBaseUrl,
      token,
      timeouts: { connectMs: Math.min(timeoutMs, 15_000), headersMs: timeoutMs, bodyMs: timeoutMs },
      log: (message) => this.log.info(message),
      warn: (message) => this.log.warn(message),
    });
    this.key = key;
    return this.connection;
  }

  dispose(): void {
    for (const connection of [...this.retired, this.connection]) void connection?.close();
  }
}
