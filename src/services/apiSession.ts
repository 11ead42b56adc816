// Opens the API connection from the current settings (the proxy ones included) and token, reuses it
// while none of them changes, and loads the HTTP stack only when the first job needs it.
import * as vscode from 'vscode';
import type { ApiConnection } from '../api/connection';
import type { Log } from './log';
import { readProxySettings, readSettings } from './settings';

export class ApiSession implements vscode.Disposable {
  private connection: ApiConnection | undefined;
  private key = '';
  private readonly retired: ApiConnection[] = [];

  constructor(private readonly log: Log) {}

  async connect(token: string): Promise<ApiConnection> {
    const settings = readSettings();
    const proxy = readProxySettings();
    const key = JSON.stringify([token, settings.apiBaseUrl, settings.requestTimeoutSeconds, proxy]);
    if (this.connection && key === this.key) return this.connection;
    const { openConnection } = await import('../api/connection');
    const timeoutMs = settings.requestTimeoutSeconds * 1000;
    this.log.setSecrets([token, proxy.authorization, proxyPassword(proxy.url)]);
    // Opened before the current one is retired: a proxy URL it rejects leaves that one in use.
    const connection = openConnection({
      baseUrl: settings.apiBaseUrl,
      token,
      timeouts: { connectMs: Math.min(timeoutMs, 15_000), headersMs: timeoutMs, bodyMs: timeoutMs },
      proxy,
      log: (message) => this.log.info(message),
      warn: (message) => this.log.warn(message),
    });
    // Jobs already waiting keep the old connection until they finish; it is closed on dispose.
    if (this.connection) this.retired.push(this.connection);
    this.connection = connection;
    this.key = key;
    return this.connection;
  }

  dispose(): void {
    for (const connection of [...this.retired, this.connection]) void connection?.close();
  }
}

function proxyPassword(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '').password) || undefined;
  } catch {
    return undefined;
  }
}
